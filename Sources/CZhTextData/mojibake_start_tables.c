// ZhTextCleanup's mojibake start tables (Scripts/make-derived-tables): bitmaps and the GBK
// table that the mojibake scan reads on every document, built from ICU's GBK and Big5
// converters and embedded so that a process does not build them at start-up.
#pragma clang diagnostic ignored "-Wc23-extensions"
#include "zh_text_data.h"

_Alignas(16) static const unsigned char mojibake_start_tables[] = {
#embed "tables/mojibake-start-tables.bin"
};

ZhTextDataBlob zh_text_data_mojibake_start_tables(void) {
    ZhTextDataBlob blob;
    blob.bytes = mojibake_start_tables;
    blob.count = sizeof mojibake_start_tables;
    return blob;
}
