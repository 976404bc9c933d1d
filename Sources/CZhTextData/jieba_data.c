// jieba 0.42.1's dictionary and HMM (PyPI `jieba`, MIT), compiled by Scripts/import-jieba and
// embedded so that a copied `zhtext` binary needs no data files. See NOTICE.
#pragma clang diagnostic ignored "-Wc23-extensions"
#include "zh_text_data.h"

static const unsigned char jieba_dictionary[] __attribute__((aligned(16))) = {
#embed "tables/jieba-dict.zhdw"
};

static const unsigned char jieba_model[] __attribute__((aligned(16))) = {
#embed "tables/jieba-model.bin"
};

ZhTextDataBlob zh_text_data_jieba_dictionary(void) {
    ZhTextDataBlob blob = { jieba_dictionary, sizeof jieba_dictionary };
    return blob;
}

ZhTextDataBlob zh_text_data_jieba_model(void) {
    ZhTextDataBlob blob = { jieba_model, sizeof jieba_model };
    return blob;
}
