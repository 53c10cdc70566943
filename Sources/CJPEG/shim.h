#ifndef KIOSK_CJPEG_SHIM_H
#define KIOSK_CJPEG_SHIM_H
#if !__has_include(<jpeglib.h>)
#error "jpeglib.h is missing. Install it with: sudo apt-get install libjpeg-dev"
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>

/* libjpeg reports a fatal error by calling error_exit, which by default
   exits the process. Swift cannot setjmp, so the two calls the kiosk makes
   are written here in C: an error jumps back and becomes a message. */

struct kiosk_jpeg_error {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char *message; /* JMSG_LENGTH_MAX bytes */
};

static void kiosk_jpeg_error_exit(j_common_ptr cinfo) {
    struct kiosk_jpeg_error *e = (struct kiosk_jpeg_error *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, e->message);
    longjmp(e->jump, 1);
}

/* Warnings (a slightly damaged file) are not printed on the terminal. */
static void kiosk_jpeg_emit_message(j_common_ptr cinfo, int level) {
    (void)cinfo;
    (void)level;
}

enum { KIOSK_JPEG_MESSAGE_LENGTH = JMSG_LENGTH_MAX };

/* Encodes 8-bit rows (1 component: grey, 3: RGB), `stride` bytes apart,
   into a JPEG in memory at `quality` with its density set to `dpi`.
   *out is malloc'd (free it); 0 on success, else -1 and `message`. */
static inline int kiosk_jpeg_encode(const unsigned char *pixels, int width, int height, int components, size_t stride,
                                    int quality, int dpi, unsigned char **out, unsigned long *out_size, char *message) {
    struct jpeg_compress_struct cinfo;
    struct kiosk_jpeg_error err;
    *out = NULL;
    *out_size = 0;
    message[0] = 0;
    cinfo.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = kiosk_jpeg_error_exit;
    err.pub.emit_message = kiosk_jpeg_emit_message;
    err.message = message;
    if (setjmp(err.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(*out);
        *out = NULL;
        *out_size = 0;
        return -1;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, out, out_size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = components;
    cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    cinfo.optimize_coding = TRUE;
    if (dpi > 0) {
        cinfo.write_JFIF_header = TRUE;
        cinfo.density_unit = 1; /* dots per inch */
        cinfo.X_density = (UINT16)dpi;
        cinfo.Y_density = (UINT16)dpi;
    }
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    return 0;
}

/* What a JPEG's header says. */
struct kiosk_jpeg_info {
    int width, height, components;
    int density_unit; /* 0: none, 1: per inch, 2: per cm */
    int x_density, y_density;
};

/* Decodes a JPEG, scaled down by libjpeg (1/2, 1/4, 1/8) as far as it
   stays at least `min_width` x `min_height` (0: full size), to grey (a grey
   source) or RGB. *pixels is malloc'd (free it), rows packed. With
   `header_only`, fills `info` alone. 0 on success, else -1 and `message`. */
static inline int kiosk_jpeg_decode(const unsigned char *data, unsigned long size, int min_width, int min_height, int header_only,
                                    struct kiosk_jpeg_info *info, unsigned char **pixels, int *width, int *height, int *components,
                                    char *message) {
    struct jpeg_decompress_struct cinfo;
    struct kiosk_jpeg_error err;
    unsigned char *volatile buffer = NULL;
    message[0] = 0;
    if (pixels) *pixels = NULL;
    cinfo.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = kiosk_jpeg_error_exit;
    err.pub.emit_message = kiosk_jpeg_emit_message;
    err.message = message;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        free(buffer);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, size);
    jpeg_read_header(&cinfo, TRUE);
    info->width = (int)cinfo.image_width;
    info->height = (int)cinfo.image_height;
    info->components = cinfo.num_components;
    info->density_unit = cinfo.density_unit;
    info->x_density = cinfo.X_density;
    info->y_density = cinfo.Y_density;
    if (header_only) {
        jpeg_destroy_decompress(&cinfo);
        return 0;
    }
    cinfo.out_color_space = cinfo.num_components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    unsigned int denom = 1;
    while (denom < 8 && min_width > 0 && min_height > 0 &&
           cinfo.image_width / (denom * 2) >= (unsigned int)min_width &&
           cinfo.image_height / (denom * 2) >= (unsigned int)min_height) {
        denom *= 2;
    }
    cinfo.scale_num = 1;
    cinfo.scale_denom = denom;
    jpeg_start_decompress(&cinfo);
    size_t stride = (size_t)cinfo.output_width * (size_t)cinfo.output_components;
    buffer = (unsigned char *)malloc(stride * cinfo.output_height);
    if (!buffer) {
        strcpy(message, "out of memory");
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = buffer + (size_t)cinfo.output_scanline * stride;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    *width = (int)cinfo.output_width;
    *height = (int)cinfo.output_height;
    *components = cinfo.output_components;
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    *pixels = buffer;
    return 0;
}
#endif
