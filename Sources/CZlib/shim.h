#ifndef QUALKIT_CZLIB_SHIM_H
#define QUALKIT_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 and deflateInit2 are macros Swift cannot import: these pass the library's version
// and the stream's size the way the macros do.
static inline int qk_inflate_init_raw(z_stream *stream) {
    return inflateInit2_(stream, -15, ZLIB_VERSION, (int)sizeof(z_stream));
}
static inline int qk_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2_(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                         (int)sizeof(z_stream));
}
#endif
