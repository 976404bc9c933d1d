// CZhICU: a narrow C bridge over system ICU.
//
// Swift never sees <unicode/*.h>: a Swift module that includes them clashes with
// Foundation's private copy of ICU (`UErrorCode` is redefined). Every declaration
// below therefore uses plain C types only. Error codes are ICU's `UErrorCode`
// values passed through as `int32_t` (0 = success, negative = warning, positive = failure).
#ifndef ZH_ICU_H
#define ZH_ICU_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Writes ICU's version ("72.1") into `buffer` (NUL-terminated). Returns the length written.
int32_t zh_icu_version(char *buffer, int32_t capacity);

/// ICU's name for an error code ("U_ILLEGAL_ARGUMENT_ERROR").
const char *zh_icu_error_name(int32_t code);

/// Frees memory returned through an `out` parameter of this library.
void zh_icu_free(void *pointer);

/// Normalisation forms understood by `zh_icu_normalize`.
enum { ZH_ICU_NFC = 0, ZH_ICU_NFD = 1, ZH_ICU_NFKC = 2, ZH_ICU_NFKD = 3, ZH_ICU_NFKC_CASEFOLD = 4 };

/// Returns 1 when `src` (UTF-8) is already in the form, 0 when not, <0 with `*error` set on failure.
int32_t zh_icu_is_normalized(int32_t form, const char *src, int32_t length, int32_t *error);

/// Normalises UTF-8 `src` into a freshly allocated UTF-8 buffer (`*out`, `*outLength`).
/// Returns an ICU error code; on failure `*out` is NULL.
int32_t zh_icu_normalize(int32_t form, const char *src, int32_t length, char **out, int32_t *outLength);

/// Decodes `length` bytes in `charset` to UTF-8. Each illegal or unmappable byte sequence is
/// replaced with U+FFFD and its byte offset and length are recorded in the freshly allocated
/// arrays `*badOffsets` / `*badLengths` (`*badCount` entries; NULL when none).
int32_t zh_icu_decode(const char *charset, const char *src, int32_t length,
                      char **out, int32_t *outLength,
                      int32_t **badOffsets, int32_t **badLengths, int32_t *badCount);

/// Decodes `length` bytes in `charset` to Unicode scalars (a freshly allocated array of
/// `*outLength`), each illegal or unmappable sequence as U+FFFD: the scalars of
/// `zh_icu_decode`'s text, without the UTF-8 between.
int32_t zh_icu_decode_scalars(const char *charset, const char *src, int32_t length,
                              uint32_t **out, int32_t *outLength);

/// Encodes UTF-8 `src` in `charset`. Characters the charset cannot represent are replaced by
/// the charset's substitution bytes; the UTF-8 byte offset of each is recorded in `*badOffsets`.
int32_t zh_icu_encode(const char *charset, const char *src, int32_t length,
                      char **out, int32_t *outLength,
                      int32_t **badOffsets, int32_t *badCount);

/// Returns 1 when ICU knows a converter by this name, 0 otherwise.
int32_t zh_icu_charset_exists(const char *charset);

/// Transliterates UTF-8 `src` with the ICU transform `transformID` (for example "Han-Latin").
/// `*parseOffset` receives the position of a syntax error in the id, or -1.
int32_t zh_icu_transliterate(const char *transformID, int32_t idLength, const char *src, int32_t length,
                             char **out, int32_t *outLength, int32_t *parseOffset);

/// Break iterator kinds understood by `zh_icu_break_open`.
enum { ZH_ICU_BREAK_CHARACTER = 0, ZH_ICU_BREAK_WORD = 1, ZH_ICU_BREAK_LINE = 2, ZH_ICU_BREAK_SENTENCE = 3 };

/// Opens a break iterator over UTF-8 text that must stay alive and unchanged until
/// `zh_icu_break_close`. Returns an opaque handle, or NULL with `*error` set.
void *zh_icu_break_open(int32_t kind, const char *locale, const char *src, int32_t length, int32_t *error);

/// The next boundary as a UTF-8 byte offset, or -1 when done.
int32_t zh_icu_break_next(void *handle);

/// The rule status of the boundary last returned (word iterators: letter, ideographic, …).
int32_t zh_icu_break_rule_status(void *handle);

/// Closes a break iterator.
void zh_icu_break_close(void *handle);

/// General category of a code point, as ICU's `UCharCategory` value.
int32_t zh_icu_char_type(int32_t scalar);

/// Script code of a code point, as ICU's `UScriptCode` value.
int32_t zh_icu_script(int32_t scalar);

/// Binary property queries used when the character-class table is built.
int32_t zh_icu_is_emoji_presentation(int32_t scalar);
int32_t zh_icu_is_extended_pictographic(int32_t scalar);
int32_t zh_icu_is_white_space(int32_t scalar);

/// ICU's USCRIPT_LATIN, USCRIPT_HAN and UCharCategory values that Swift needs, without the headers.
int32_t zh_icu_script_latin(void);
int32_t zh_icu_script_han(void);

#ifdef __cplusplus
}
#endif
#endif
