#ifndef RELAIS_IMAGE_H
#define RELAIS_IMAGE_H

#include <stddef.h>

/// What relais_image_square answers.
typedef enum {
    RELAIS_IMAGE_OK = 0,
    /// Neither a JPEG nor a PNG, by its first bytes.
    RELAIS_IMAGE_NOT_AN_IMAGE = 1,
    /// A JPEG or PNG that cannot be decoded (cut short, corrupt, CMYK).
    RELAIS_IMAGE_UNREADABLE = 2,
    /// More pixels than allowed, or smaller than the smallest side allowed.
    RELAIS_IMAGE_BAD_SIZE = 3,
    RELAIS_IMAGE_NO_MEMORY = 4
} relais_image_status;

/// Decodes a JPEG or PNG from memory (turned upright by its EXIF orientation), crops its centre square, scales it
/// to at most `side` pixels and encodes it as a baseline JPEG of `quality` with no metadata but the JFIF header.
/// Refuses images of more than `max_pixels` pixels (checked from the header before decoding) or whose shorter side
/// is under `min_side`. On success `*output` (free with relais_image_free) holds `*output_length` bytes, and
/// `*width`/`*height` the source's size.
relais_image_status relais_image_square(
    const unsigned char *input, size_t input_length, int side, int quality, unsigned long max_pixels, int min_side,
    unsigned char **output, unsigned long *output_length, int *width, int *height);

void relais_image_free(unsigned char *output);

#endif
