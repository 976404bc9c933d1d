// The Mandarin readings of Unihan (Unicode licence), written by Scripts/import-unihan-readings.
#pragma clang diagnostic ignored "-Wc23-extensions"
#include "zh_text_data.h"

static const unsigned char readings[] = {
#embed "tables/pinyin-readings.txt"
};

const unsigned char *zh_text_data_pinyin_readings(size_t *count) {
    *count = sizeof readings;
    return readings;
}

// Character frequencies of modern Chinese (Unihan kHanyuPinlu, summed per character).
static const unsigned char frequencies[] = {
#embed "tables/char-frequency.txt"
};

const unsigned char *zh_text_data_char_frequency(size_t *count) {
    *count = sizeof frequencies;
    return frequencies;
}
