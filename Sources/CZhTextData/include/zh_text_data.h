// CZhTextData: ZhText's dictionary tables, embedded in the binary as byte arrays so that a
// downstream package or a copied `zhtext` binary needs no data files. Plain C types only.
#ifndef ZH_TEXT_DATA_H
#define ZH_TEXT_DATA_H

#include <stddef.h>
#include <stdint.h>

/// One embedded table: a pointer to 16-byte-aligned bytes and their count.
typedef struct {
    const unsigned char *bytes;
    size_t count;
} ZhTextDataBlob;

/// The compiled OpenCC dictionary tiers, in the order of OpenCCData.tierNames.
const ZhTextDataBlob *zh_text_data_tiers(int32_t *count);

/// The fused chain values of the configurations that have them, in the order of the `fused`
/// indices of OpenCCData.configurations.
const ZhTextDataBlob *zh_text_data_fused(int32_t *count);

/// Unihan's Mandarin readings as text: a line of toneless syllables, then "HEX<TAB>i,j,…" lines.
const unsigned char *zh_text_data_pinyin_readings(size_t *count);

/// Character frequencies (Unihan kHanyuPinlu): "HEX<TAB>count" lines.
const unsigned char *zh_text_data_char_frequency(size_t *count);

/// Character bigrams (0: Simplified, 1: Traditional): UInt32 n, n sorted UInt32 keys
/// (first << 16 | second), n UInt8 weights (8 · log2(1 + count)); little-endian, 16-byte aligned.
ZhTextDataBlob zh_text_data_bigrams(int32_t traditional_script);

/// Big5's ETEN extension (rows C6A1–C8FE) as CPython decodes it: "HEX<TAB>character" lines, UTF-8.
const unsigned char *zh_text_data_big5_eten(size_t *count);

/// Traditional (and regional variant) to Simplified character pairs: "T<TAB>S" lines, UTF-8.
const unsigned char *zh_text_data_script_fold(size_t *count);

/// ZhTextSlogans' built-in lexicon: "term<TAB>canonical<TAB>category" lines, UTF-8.
const unsigned char *zh_text_data_slogan_lexicon(size_t *count);

/// Structural slogan recurrence (Scripts/build-slogan-recurrence): a ZhText automaton over
/// Unicode scalars in the prefix-walk layout, whose values are the keys' document counts;
/// 16-byte aligned.
ZhTextDataBlob zh_text_data_slogan_recurrence(void);

/// Spans the news corpus quotes with “” in at least 3 broadcasts (Scripts/build-quoted-terms): a
/// ZhText automaton over Unicode scalars in the prefix-walk layout, whose values are the spans'
/// document counts; 16-byte aligned.
ZhTextDataBlob zh_text_data_quoted_terms(void);

/// ZhTextSlogans' confidence model (Scripts/fit-slogan-confidence): weight and list lines, UTF-8.
const unsigned char *zh_text_data_slogan_confidence_model(size_t *count);

/// ZhTextCore's scalar class table (Scripts/make-derived-tables; layout in ScalarClassTable.swift):
/// 16-byte aligned, little-endian.
ZhTextDataBlob zh_text_data_scalar_classes(void);

/// ZhTextCleanup's mojibake start tables (Scripts/make-derived-tables; layout in
/// MojibakeStartTables.swift): little-endian.
ZhTextDataBlob zh_text_data_mojibake_start_tables(void);

/// jieba's dictionary (Scripts/import-jieba): a ZhText automaton over Unicode scalars in the
/// prefix-walk layout, whose values are the words' frequencies; 16-byte aligned.
ZhTextDataBlob zh_text_data_jieba_dictionary(void);

/// jieba's frequency total and HMM log-probabilities (layout in Scripts/import-jieba).
ZhTextDataBlob zh_text_data_jieba_model(void);

#endif
