// Big5's ETEN extension rows as CPython's big5 codec reads them (Scripts/import-big5-eten):
// ICU leaves them unmapped; ZhTextCleanup's mojibake repair needs them to read back GBK text
// that was decoded as Big5 by an ETEN-aware decoder (平 → す).
#pragma clang diagnostic ignored "-Wc23-extensions"
#include "zh_text_data.h"

static const unsigned char big5_eten[] = {
#embed "tables/big5-eten.txt"
};

const unsigned char *zh_text_data_big5_eten(size_t *count) {
    *count = sizeof big5_eten;
    return big5_eten;
}
