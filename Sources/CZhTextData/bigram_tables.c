// Character bigrams of news text in both scripts (Scripts/make-char-bigrams): what ZhTextCleanup's
// mojibake repair weighs a reading against. Aligned so the UInt32 keys can be read in place.
#pragma clang diagnostic ignored "-Wc23-extensions"
#include "zh_text_data.h"

_Alignas(16) static const unsigned char simplified[] = {
#embed "tables/bigrams-simplified.bin"
};

_Alignas(16) static const unsigned char traditional[] = {
#embed "tables/bigrams-traditional.bin"
};

ZhTextDataBlob zh_text_data_bigrams(int32_t traditional_script) {
    ZhTextDataBlob blob;
    blob.bytes = traditional_script ? traditional : simplified;
    blob.count = traditional_script ? sizeof traditional : sizeof simplified;
    return blob;
}
