// Text tables for ZhTextSlogans, embedded so that a copied `zhtext` binary needs no data files:
// the Traditional→Simplified character fold (Scripts/import-script-fold, from OpenCC) and the
// built-in slogan lexicon, a readable TSV kept beside the module that uses it, the recurrence
// table (Scripts/build-slogan-recurrence: its TSV compiled to an automaton in the prefix-walk
// layout, read in place) and the confidence model (Scripts/fit-slogan-confidence).
#pragma clang diagnostic ignored "-Wc23-extensions"
#include "zh_text_data.h"

static const unsigned char script_fold[] = {
#embed "tables/script-fold.txt"
};

static const unsigned char slogan_lexicon[] = {
#embed "../ZhTextSlogans/Lexicon/slogans.tsv"
};

static const unsigned char slogan_recurrence[] __attribute__((aligned(16))) = {
#embed "tables/slogan-recurrence.zhdw"
};

static const unsigned char slogan_confidence_model[] = {
#embed "../ZhTextSlogans/Lexicon/confidence-model.tsv"
};

const unsigned char *zh_text_data_script_fold(size_t *count) {
    *count = sizeof script_fold;
    return script_fold;
}

const unsigned char *zh_text_data_slogan_lexicon(size_t *count) {
    *count = sizeof slogan_lexicon;
    return slogan_lexicon;
}

ZhTextDataBlob zh_text_data_slogan_recurrence(void) {
    ZhTextDataBlob blob = { slogan_recurrence, sizeof slogan_recurrence };
    return blob;
}

const unsigned char *zh_text_data_slogan_confidence_model(size_t *count) {
    *count = sizeof slogan_confidence_model;
    return slogan_confidence_model;
}
