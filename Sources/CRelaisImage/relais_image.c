// Photo processing for officer cards: libjpeg-turbo and libpng decode, a box filter scales, libjpeg encodes.
// Errors never leave through exit(): libjpeg's are caught with setjmp, libpng's simplified API catches its own.
#include "relais_image.h"

#include <stdio.h>
#include <jpeglib.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
} error_trap;

static void trap_error(j_common_ptr info) {
    error_trap *trap = (error_trap *)info->err;
    longjmp(trap->jump, 1);
}

static void quiet(j_common_ptr info, int level) { (void)info; (void)level; }
static void silent(j_common_ptr info) { (void)info; }

typedef struct {
    unsigned char *pixels;  // RGB, 3 bytes a pixel
    int width;
    int height;
} rgb_image;

/// The EXIF orientation (1–8) in a JPEG's APP1 marker, or 1.
static int exif_orientation(const unsigned char *data, unsigned int length) {
    if (length < 14 || memcmp(data, "Exif\0\0", 6) != 0) return 1;
    const unsigned char *tiff = data + 6;
    unsigned int size = length - 6;
    int little = tiff[0] == 'I' && tiff[1] == 'I';
    if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) return 1;
#define U16(p) (little ? (unsigned)((p)[0] | (p)[1] << 8) : (unsigned)((p)[0] << 8 | (p)[1]))
#define U32(p) (little ? ((uint32_t)(p)[0] | (uint32_t)(p)[1] << 8 | (uint32_t)(p)[2] << 16 | (uint32_t)(p)[3] << 24) \
                       : ((uint32_t)(p)[0] << 24 | (uint32_t)(p)[1] << 16 | (uint32_t)(p)[2] << 8 | (uint32_t)(p)[3]))
    uint32_t ifd = U32(tiff + 4);
    if (ifd > size || size - ifd < 2) return 1;
    unsigned int count = U16(tiff + ifd);
    for (unsigned int i = 0; i < count; i++) {
        uint32_t entry = ifd + 2 + 12 * i;
        if (entry > size || size - entry < 12) return 1;
        if (U16(tiff + entry) == 0x0112) {
            unsigned int value = U16(tiff + entry + 8);
            return value >= 1 && value <= 8 ? (int)value : 1;
        }
    }
    return 1;
#undef U16
#undef U32
}

static relais_image_status decode_jpeg(
    const unsigned char *input, size_t length, unsigned long max_pixels, int min_side, int side, rgb_image *image,
    int *orientation, int *width, int *height) {
    struct jpeg_decompress_struct info;
    error_trap trap;
    unsigned char *volatile pixels = NULL;
    info.err = jpeg_std_error(&trap.manager);
    trap.manager.error_exit = trap_error;
    trap.manager.emit_message = quiet;
    trap.manager.output_message = silent;
    if (setjmp(trap.jump)) {
        jpeg_destroy_decompress(&info);
        free(pixels);
        return RELAIS_IMAGE_UNREADABLE;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, input, (unsigned long)length);
    jpeg_save_markers(&info, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&info, TRUE);
    *width = (int)info.image_width;
    *height = (int)info.image_height;
    unsigned long shorter = info.image_width < info.image_height ? info.image_width : info.image_height;
    if ((unsigned long)info.image_width * info.image_height > max_pixels || shorter < (unsigned long)min_side) {
        jpeg_destroy_decompress(&info);
        return RELAIS_IMAGE_BAD_SIZE;
    }
    if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
        jpeg_destroy_decompress(&info);
        return RELAIS_IMAGE_UNREADABLE;
    }
    *orientation = 1;
    for (jpeg_saved_marker_ptr marker = info.marker_list; marker; marker = marker->next) {
        if (marker->marker == JPEG_APP0 + 1) *orientation = exif_orientation(marker->data, marker->data_length);
    }
    // Let the decoder scale down by 2, 4 or 8 while the result stays at least `side` on its shorter side.
    unsigned int denominator = 1;
    while (denominator < 8 && shorter / (denominator * 2) >= (unsigned long)side) denominator *= 2;
    info.scale_num = 1;
    info.scale_denom = denominator;
    info.out_color_space = JCS_RGB;
    jpeg_start_decompress(&info);
    size_t stride = (size_t)info.output_width * 3;
    pixels = malloc(stride * info.output_height);
    if (!pixels) {
        jpeg_destroy_decompress(&info);
        return RELAIS_IMAGE_NO_MEMORY;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = pixels + stride * info.output_scanline;
        jpeg_read_scanlines(&info, &row, 1);
    }
    image->width = (int)info.output_width;
    image->height = (int)info.output_height;
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    image->pixels = pixels;
    return RELAIS_IMAGE_OK;
}

static relais_image_status decode_png(
    const unsigned char *input, size_t length, unsigned long max_pixels, int min_side, rgb_image *image, int *width,
    int *height) {
    png_image png;
    memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&png, input, length)) return RELAIS_IMAGE_UNREADABLE;
    *width = (int)png.width;
    *height = (int)png.height;
    unsigned long shorter = png.width < png.height ? png.width : png.height;
    if ((unsigned long)png.width * png.height > max_pixels || shorter < (unsigned long)min_side) {
        png_image_free(&png);
        return RELAIS_IMAGE_BAD_SIZE;
    }
    png.format = PNG_FORMAT_RGB;
    unsigned char *pixels = malloc(PNG_IMAGE_SIZE(png));
    if (!pixels) {
        png_image_free(&png);
        return RELAIS_IMAGE_NO_MEMORY;
    }
    png_color white = {255, 255, 255};  // transparent parts show on white
    if (!png_image_finish_read(&png, &white, pixels, 0, NULL)) {
        free(pixels);
        png_image_free(&png);
        return RELAIS_IMAGE_UNREADABLE;
    }
    image->pixels = pixels;
    image->width = (int)png.width;
    image->height = (int)png.height;
    return RELAIS_IMAGE_OK;
}

/// The source pixel shown at (x, y) of the upright image, for an EXIF orientation.
static void upright(int orientation, int x, int y, int width, int height, int *sx, int *sy) {
    // width/height are the upright size; the stored image is rotated for orientations 5–8.
    switch (orientation) {
    case 2: *sx = width - 1 - x; *sy = y; break;
    case 3: *sx = width - 1 - x; *sy = height - 1 - y; break;
    case 4: *sx = x; *sy = height - 1 - y; break;
    case 5: *sx = y; *sy = x; break;
    case 6: *sx = y; *sy = width - 1 - x; break;
    case 7: *sx = height - 1 - y; *sy = width - 1 - x; break;
    case 8: *sx = height - 1 - y; *sy = x; break;
    default: *sx = x; *sy = y; break;
    }
}

/// The centre square of `source`, upright, averaged down to `out_side` pixels a side (a box filter).
static unsigned char *square(const rgb_image *source, int orientation, int out_side) {
    int rotated = orientation >= 5;
    int width = rotated ? source->height : source->width;
    int height = rotated ? source->width : source->height;
    int crop = width < height ? width : height;
    int left = (width - crop) / 2;
    int top = (height - crop) / 2;
    unsigned char *out = malloc((size_t)out_side * out_side * 3);
    if (!out) return NULL;
    for (int oy = 0; oy < out_side; oy++) {
        int y0 = top + (int)((long)oy * crop / out_side);
        int y1 = top + (int)((long)(oy + 1) * crop / out_side);
        if (y1 <= y0) y1 = y0 + 1;
        for (int ox = 0; ox < out_side; ox++) {
            int x0 = left + (int)((long)ox * crop / out_side);
            int x1 = left + (int)((long)(ox + 1) * crop / out_side);
            if (x1 <= x0) x1 = x0 + 1;
            unsigned long sum[3] = {0, 0, 0};
            unsigned long count = 0;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int sx, sy;
                    upright(orientation, x, y, width, height, &sx, &sy);
                    const unsigned char *pixel = source->pixels + ((size_t)sy * source->width + sx) * 3;
                    sum[0] += pixel[0];
                    sum[1] += pixel[1];
                    sum[2] += pixel[2];
                    count++;
                }
            }
            unsigned char *target = out + ((size_t)oy * out_side + ox) * 3;
            for (int c = 0; c < 3; c++) target[c] = (unsigned char)((sum[c] + count / 2) / count);
        }
    }
    return out;
}

static relais_image_status encode_jpeg(
    const unsigned char *pixels, int side, int quality, unsigned char **output, unsigned long *output_length) {
    struct jpeg_compress_struct info;
    error_trap trap;
    unsigned char *buffer = NULL;
    unsigned long size = 0;
    info.err = jpeg_std_error(&trap.manager);
    trap.manager.error_exit = trap_error;
    trap.manager.emit_message = quiet;
    trap.manager.output_message = silent;
    if (setjmp(trap.jump)) {
        jpeg_destroy_compress(&info);
        free(buffer);
        return RELAIS_IMAGE_NO_MEMORY;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = (JDIMENSION)side;
    info.image_height = (JDIMENSION)side;
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    info.optimize_coding = TRUE;
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)info.next_scanline * side * 3);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    *output = buffer;
    *output_length = size;
    return RELAIS_IMAGE_OK;
}

relais_image_status relais_image_square(
    const unsigned char *input, size_t input_length, int side, int quality, unsigned long max_pixels, int min_side,
    unsigned char **output, unsigned long *output_length, int *width, int *height) {
    static const unsigned char png_signature[8] = {137, 80, 78, 71, 13, 10, 26, 10};
    rgb_image image = {NULL, 0, 0};
    int orientation = 1;
    relais_image_status status;
    *output = NULL;
    *output_length = 0;
    *width = 0;
    *height = 0;
    if (side < 1 || side > 2048 || quality < 1 || quality > 100) return RELAIS_IMAGE_BAD_SIZE;
    if (input_length >= 3 && input[0] == 0xFF && input[1] == 0xD8 && input[2] == 0xFF) {
        status = decode_jpeg(input, input_length, max_pixels, min_side, side, &image, &orientation, width, height);
    } else if (input_length >= 8 && memcmp(input, png_signature, 8) == 0) {
        status = decode_png(input, input_length, max_pixels, min_side, &image, width, height);
    } else {
        return RELAIS_IMAGE_NOT_AN_IMAGE;
    }
    if (status != RELAIS_IMAGE_OK) return status;
    int shorter = image.width < image.height ? image.width : image.height;
    int out_side = shorter < side ? shorter : side;
    unsigned char *scaled = square(&image, orientation, out_side);
    free(image.pixels);
    if (!scaled) return RELAIS_IMAGE_NO_MEMORY;
    status = encode_jpeg(scaled, out_side, quality, output, output_length);
    free(scaled);
    return status;
}

void relais_image_free(unsigned char *output) { free(output); }
