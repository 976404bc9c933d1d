// The quoted-term table of ZhTextCleanup's closing-quote step (Scripts/build-quoted-terms: its
// TSV compiled to an automaton in the prefix-walk layout, read in place).
#pragma clang diagnostic ignored "-Wc23-extensions"
#include "zh_text_data.h"

static const unsigned char quoted_terms[] __attribute__((aligned(16))) = {
#embed "tables/quoted-terms.zhdw"
};

ZhTextDataBlob zh_text_data_quoted_terms(void) {
    ZhTextDataBlob blob = { quoted_terms, sizeof quoted_terms };
    return blob;
}
