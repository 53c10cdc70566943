// libcurl for Swift: curl_easy_setopt and curl_easy_getinfo are variadic,
// which Swift cannot call, so each kind of argument gets a typed wrapper.
#ifndef KIOSK_CCURL_SHIM_H
#define KIOSK_CCURL_SHIM_H
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

typedef size_t (*kiosk_curl_data_callback)(char *buffer, size_t size, size_t count, void *userdata);
typedef int (*kiosk_curl_progress_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode kiosk_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode kiosk_curl_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode kiosk_curl_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode kiosk_curl_setopt_data_callback(CURL *handle, CURLoption option, kiosk_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode kiosk_curl_setopt_progress_callback(CURL *handle, kiosk_curl_progress_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}
static inline CURLcode kiosk_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode kiosk_curl_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
#endif
