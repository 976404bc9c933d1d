// The tokenizer's scalar classes (Scripts/make-derived-tables): ZhTextCore's two-stage table
// computed from ICU's character properties and the explicit Chinese punctuation roles, embedded
// so that a process does not compute it at start-up. Aligned so its UInt16s read in place.
#pragma clang diagnostic ignored "-Wc23-extensions"
#include "zh_text_data.h"

_Alignas(16) static const unsigned char scalar_classes[] = {
#embed "tables/scalar-classes.bin"
};

ZhTextDataBlob zh_text_data_scalar_classes(void) {
    ZhTextDataBlob blob;
    blob.bytes = scalar_classes;
    blob.count = sizeof scalar_classes;
    return blob;
}
