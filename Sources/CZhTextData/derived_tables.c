// Tables ZhText derives from the system ICU (Scripts/make-derived-tables), embedded so that a
// process does not build them at start-up: ZhTextCore's scalar classes (ICU's character
// properties and the explicit Chinese punctuation roles) and ZhTextCleanup's mojibake start
// tables (ICU's GBK and Big5 converters). Aligned so that their integers read in place.
#pragma clang diagnostic ignored "-Wc23-extensions"
#include "zh_text_data.h"

_Alignas(16) static const unsigned char scalar_classes[] = {
#embed "tables/scalar-classes.bin"
};

_Alignas(16) static const unsigned char mojibake_start_tables[] = {
#embed "tables/mojibake-start-tables.bin"
};

ZhTextDataBlob zh_text_data_scalar_classes(void) {
    ZhTextDataBlob blob = { scalar_classes, sizeof scalar_classes };
    return blob;
}

ZhTextDataBlob zh_text_data_mojibake_start_tables(void) {
    ZhTextDataBlob blob = { mojibake_start_tables, sizeof mojibake_start_tables };
    return blob;
}
