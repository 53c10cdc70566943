#ifndef KIOSK_CPNG_SHIM_H
#define KIOSK_CPNG_SHIM_H
#if !__has_include(<png.h>)
#error "png.h is missing. Install it with: sudo apt-get install libpng-dev"
#endif
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>

/* Reading goes through libpng's simplified API (errors as a status). Writing
   a 4-bit grey page needs the full API, whose errors longjmp: Swift cannot
   setjmp, so that one call is written here in C. */

struct kiosk_png_buffer {
    unsigned char *data;
    size_t size;
    size_t capacity;
    int failed;
};

static void kiosk_png_write(png_structp png, png_bytep bytes, png_size_t length) {
    struct kiosk_png_buffer *b = (struct kiosk_png_buffer *)png_get_io_ptr(png);
    if (b->failed) return;
    if (b->size + length > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 65536;
        while (capacity < b->size + length) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(b->data, capacity);
        if (!grown) {
            b->failed = 1;
            png_error(png, "out of memory");
        }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->size, bytes, length);
    b->size += length;
}

static void kiosk_png_flush(png_structp png) { (void)png; }

static void kiosk_png_error(png_structp png, png_const_charp message) {
    char *out = (char *)png_get_error_ptr(png);
    strncpy(out, message, 199);
    out[199] = 0;
    png_longjmp(png, 1);
}

static void kiosk_png_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

/* Packs 8-bit grey rows (`stride` bytes apart; values already 0..15, one a
   byte) as a 4-bit grey PNG in memory at the best compression, with its
   density set to `dpi`. *out is malloc'd (free it); 0 on success, else -1
   and `message` (200 bytes). */
static inline int kiosk_png_encode_grey4(const unsigned char *levels, int width, int height, size_t stride, int dpi,
                                         unsigned char **out, size_t *out_size, char *message) {
    struct kiosk_png_buffer buffer = {0, 0, 0, 0};
    unsigned char *row = NULL;
    png_structp png;
    png_infop info = NULL;
    *out = NULL;
    *out_size = 0;
    message[0] = 0;
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, message, kiosk_png_error, kiosk_png_warning);
    if (!png) {
        strcpy(message, "libpng could not start");
        return -1;
    }
    info = png_create_info_struct(png);
    row = (unsigned char *)malloc((size_t)width / 2 + 1);
    if (!info || !row) {
        strcpy(message, "out of memory");
        png_destroy_write_struct(&png, info ? &info : NULL);
        free(row);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        free(buffer.data);
        return -1;
    }
    png_set_write_fn(png, &buffer, kiosk_png_write, kiosk_png_flush);
    png_set_compression_level(png, 9);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 4, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (dpi > 0) {
        png_uint_32 perMetre = (png_uint_32)((double)dpi / 0.0254 + 0.5);
        png_set_pHYs(png, info, perMetre, perMetre, PNG_RESOLUTION_METER);
    }
    png_write_info(png, info);
    for (int y = 0; y < height; y++) {
        const unsigned char *src = levels + (size_t)y * stride;
        for (int x = 0; x < width; x += 2) {
            unsigned char hi = src[x] & 15, lo = x + 1 < width ? (src[x + 1] & 15) : 0;
            row[x / 2] = (unsigned char)((hi << 4) | lo);
        }
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    *out = buffer.data;
    *out_size = buffer.size;
    return 0;
}
#endif
