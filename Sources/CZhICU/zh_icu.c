// The only file in the package that includes ICU headers (see include/zh_icu.h for why).
#include "zh_icu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uversion.h>
#include <unicode/utypes.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/unorm2.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utrans.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

int32_t zh_icu_version(char *buffer, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    int32_t n = (int32_t)strlen(text);
    if (capacity <= 0) return n;
    if (n >= capacity) n = capacity - 1;
    memcpy(buffer, text, (size_t)n);
    buffer[n] = 0;
    return n;
}

const char *zh_icu_error_name(int32_t code) { return u_errorName((UErrorCode)code); }

void zh_icu_free(void *pointer) { free(pointer); }

// UTF-8 -> freshly allocated UTF-16.
static UChar *to_utf16(const char *src, int32_t length, int32_t *outLength, UErrorCode *status) {
    int32_t needed = 0;
    UErrorCode pre = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, &needed, src, length, &pre);
    if (pre != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(pre)) { *status = pre; return NULL; }
    UChar *buffer = (UChar *)malloc(sizeof(UChar) * (size_t)(needed + 1));
    if (!buffer) { *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    u_strFromUTF8(buffer, needed + 1, outLength, src, length, status);
    if (U_FAILURE(*status)) { free(buffer); return NULL; }
    return buffer;
}

// UTF-16 -> freshly allocated UTF-8.
static int32_t to_utf8(const UChar *src, int32_t length, char **out, int32_t *outLength) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strToUTF8(NULL, 0, &needed, src, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return status;
    status = U_ZERO_ERROR;
    char *buffer = (char *)malloc((size_t)needed + 1);
    if (!buffer) return U_MEMORY_ALLOCATION_ERROR;
    u_strToUTF8(buffer, needed + 1, outLength, src, length, &status);
    if (U_FAILURE(status)) { free(buffer); return status; }
    *out = buffer;
    return U_ZERO_ERROR;
}

static const UNormalizer2 *normalizer(int32_t form, UErrorCode *status) {
    switch (form) {
    case ZH_ICU_NFC: return unorm2_getNFCInstance(status);
    case ZH_ICU_NFD: return unorm2_getNFDInstance(status);
    case ZH_ICU_NFKC: return unorm2_getNFKCInstance(status);
    case ZH_ICU_NFKD: return unorm2_getNFKDInstance(status);
    case ZH_ICU_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
    }
}

int32_t zh_icu_is_normalized(int32_t form, const char *src, int32_t length, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &status);
    int32_t n16 = 0;
    UChar *s16 = U_SUCCESS(status) ? to_utf16(src, length, &n16, &status) : NULL;
    if (U_FAILURE(status)) { *error = status; return -1; }
    UBool yes = unorm2_isNormalized(n, s16, n16, &status);
    free(s16);
    *error = status;
    return U_FAILURE(status) ? -1 : (yes ? 1 : 0);
}

int32_t zh_icu_normalize(int32_t form, const char *src, int32_t length, char **out, int32_t *outLength) {
    *out = NULL; *outLength = 0;
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &status);
    if (U_FAILURE(status)) return status;
    int32_t n16 = 0;
    UChar *s16 = to_utf16(src, length, &n16, &status);
    if (U_FAILURE(status)) return status;
    int32_t cap = n16 * 3 + 16;  // NFKD of CJK compatibility forms can grow; retried below if not enough
    UChar *d16 = (UChar *)malloc(sizeof(UChar) * (size_t)cap);
    if (!d16) { free(s16); return U_MEMORY_ALLOCATION_ERROR; }
    int32_t dn = unorm2_normalize(n, s16, n16, d16, cap, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        free(d16);
        status = U_ZERO_ERROR;
        cap = dn + 1;
        d16 = (UChar *)malloc(sizeof(UChar) * (size_t)cap);
        if (!d16) { free(s16); return U_MEMORY_ALLOCATION_ERROR; }
        dn = unorm2_normalize(n, s16, n16, d16, cap, &status);
    }
    free(s16);
    if (U_FAILURE(status)) { free(d16); return status; }
    status = to_utf8(d16, dn, out, outLength);
    free(d16);
    return status;
}

// ---- charset conversion -------------------------------------------------------------

typedef struct {
    int32_t *offsets;
    int32_t *lengths;
    int32_t count;
    int32_t capacity;
    const char *base;      // start of the source, for byte offsets in the to-Unicode direction
    int32_t failed;
} BadList;

static void bad_push(BadList *list, int32_t offset, int32_t length) {
    if (list->failed) return;
    if (list->count == list->capacity) {
        int32_t cap = list->capacity ? list->capacity * 2 : 16;
        int32_t *o = (int32_t *)realloc(list->offsets, sizeof(int32_t) * (size_t)cap);
        if (!o) { list->failed = 1; return; }
        list->offsets = o;
        if (list->lengths || list->base) {
            int32_t *l = (int32_t *)realloc(list->lengths, sizeof(int32_t) * (size_t)cap);
            if (!l) { list->failed = 1; return; }
            list->lengths = l;
        }
        list->capacity = cap;
    }
    list->offsets[list->count] = offset;
    if (list->lengths) list->lengths[list->count] = length;
    list->count++;
}

// Records the byte range of each illegal sequence, then lets ICU substitute U+FFFD.
static void U_CALLCONV record_to_unicode(const void *context, UConverterToUnicodeArgs *args,
                                         const char *codeUnits, int32_t length,
                                         UConverterCallbackReason reason, UErrorCode *status) {
    BadList *list = (BadList *)context;
    if (reason <= UCNV_IRREGULAR) {
        int32_t end = (int32_t)(args->source - list->base);
        bad_push(list, end - length, length);
    }
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, codeUnits, length, reason, status);
}

static void U_CALLCONV record_from_unicode(const void *context, UConverterFromUnicodeArgs *args,
                                           const UChar *codeUnits, int32_t length, UChar32 codePoint,
                                           UConverterCallbackReason reason, UErrorCode *status) {
    BadList *list = (BadList *)context;
    if (reason <= UCNV_IRREGULAR) {
        // args->source is in UTF-16; the offset is mapped back to UTF-8 by the caller.
        int32_t end16 = (int32_t)(args->source - (const UChar *)list->base);
        bad_push(list, end16 - length, length);
    }
    UCNV_FROM_U_CALLBACK_SUBSTITUTE(NULL, args, codeUnits, length, codePoint, reason, status);
}

int32_t zh_icu_charset_exists(const char *charset) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *c = ucnv_open(charset, &status);
    if (U_FAILURE(status) || !c) return 0;
    ucnv_close(c);
    return 1;
}

// Decodes to freshly allocated UTF-16 (`*u16`, `*n16` units), recording illegal sequences in
// `list` (freed by the caller).
static int32_t decode_utf16(const char *charset, const char *src, int32_t length,
                            UChar **u16out, int32_t *n16, BadList *list) {
    *u16out = NULL; *n16 = 0;
    UErrorCode status = U_ZERO_ERROR;
    UConverter *c = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return status;
    list->base = src;
    ucnv_setToUCallBack(c, record_to_unicode, list, NULL, NULL, &status);
    if (U_FAILURE(status)) { ucnv_close(c); return status; }
    // Every source byte yields at most two UTF-16 units (a substitution or a surrogate pair).
    int32_t cap = length * 2 + 2;
    UChar *u16 = (UChar *)malloc(sizeof(UChar) * (size_t)cap);
    if (!u16) { ucnv_close(c); return U_MEMORY_ALLOCATION_ERROR; }
    UChar *target = u16;
    const char *source = src;
    ucnv_toUnicode(c, &target, u16 + cap, &source, src + length, NULL, 1, &status);
    ucnv_close(c);
    if (U_FAILURE(status) || list->failed) {
        free(u16);
        return U_FAILURE(status) ? status : U_MEMORY_ALLOCATION_ERROR;
    }
    *u16out = u16;
    *n16 = (int32_t)(target - u16);
    return U_ZERO_ERROR;
}

int32_t zh_icu_decode(const char *charset, const char *src, int32_t length,
                      char **out, int32_t *outLength,
                      int32_t **badOffsets, int32_t **badLengths, int32_t *badCount) {
    *out = NULL; *outLength = 0; *badOffsets = NULL; *badLengths = NULL; *badCount = 0;
    BadList list = {0};
    UChar *u16 = NULL;
    int32_t n16 = 0;
    int32_t status = decode_utf16(charset, src, length, &u16, &n16, &list);
    if (U_FAILURE(status)) { free(list.offsets); free(list.lengths); return status; }
    status = to_utf8(u16, n16, out, outLength);
    free(u16);
    if (U_FAILURE(status)) { free(list.offsets); free(list.lengths); return status; }
    *badOffsets = list.offsets; *badLengths = list.lengths; *badCount = list.count;
    return U_ZERO_ERROR;
}

int32_t zh_icu_decode_scalars(const char *charset, const char *src, int32_t length,
                              uint32_t **out, int32_t *outLength) {
    *out = NULL; *outLength = 0;
    BadList list = {0};
    UChar *u16 = NULL;
    int32_t n16 = 0;
    int32_t status = decode_utf16(charset, src, length, &u16, &n16, &list);
    free(list.offsets); free(list.lengths);
    if (U_FAILURE(status)) return status;
    uint32_t *scalars = (uint32_t *)malloc(sizeof(uint32_t) * (size_t)(n16 + 1));
    if (!scalars) { free(u16); return U_MEMORY_ALLOCATION_ERROR; }
    int32_t count = 0;
    for (int32_t i = 0; i < n16; i++) {
        UChar unit = u16[i];
        if (U16_IS_LEAD(unit) && i + 1 < n16 && U16_IS_TRAIL(u16[i + 1])) {
            scalars[count++] = (uint32_t)U16_GET_SUPPLEMENTARY(unit, u16[i + 1]);
            i++;
        } else if (U16_IS_SURROGATE(unit)) {
            // What the UTF-8 form refuses too: a lone surrogate.
            free(u16); free(scalars);
            return U_INVALID_CHAR_FOUND;
        } else {
            scalars[count++] = unit;
        }
    }
    free(u16);
    *out = scalars;
    *outLength = count;
    return U_ZERO_ERROR;
}

int32_t zh_icu_encode(const char *charset, const char *src, int32_t length,
                      char **out, int32_t *outLength,
                      int32_t **badOffsets, int32_t *badCount) {
    *out = NULL; *outLength = 0; *badOffsets = NULL; *badCount = 0;
    UErrorCode status = U_ZERO_ERROR;
    int32_t n16 = 0;
    UChar *s16 = to_utf16(src, length, &n16, &status);
    if (U_FAILURE(status)) return status;
    UConverter *c = ucnv_open(charset, &status);
    if (U_FAILURE(status)) { free(s16); return status; }
    BadList list = {0};
    list.base = (const char *)s16;
    ucnv_setFromUCallBack(c, record_from_unicode, &list, NULL, NULL, &status);
    int32_t cap = n16 * (int32_t)ucnv_getMaxCharSize(c) + 8;
    char *buffer = (char *)malloc((size_t)cap);
    if (!buffer || U_FAILURE(status)) { free(s16); free(buffer); ucnv_close(c); return U_FAILURE(status) ? status : U_MEMORY_ALLOCATION_ERROR; }
    char *target = buffer;
    const UChar *source = s16;
    ucnv_fromUnicode(c, &target, buffer + cap, &source, s16 + n16, NULL, 1, &status);
    ucnv_close(c);
    if (U_FAILURE(status) || list.failed) {
        free(s16); free(buffer); free(list.offsets); free(list.lengths);
        return U_FAILURE(status) ? status : U_MEMORY_ALLOCATION_ERROR;
    }
    // Map the UTF-16 offsets of unmappable characters back to UTF-8 byte offsets.
    if (list.count > 0) {
        int32_t k = 0, i16 = 0, i8 = 0;
        while (i16 < n16 && k < list.count) {
            while (k < list.count && list.offsets[k] == i16) { list.offsets[k++] = i8; }
            UChar u = s16[i16];
            if (U16_IS_LEAD(u) && i16 + 1 < n16 && U16_IS_TRAIL(s16[i16 + 1])) { i16 += 2; i8 += 4; }
            else { i16 += 1; i8 += (u < 0x80) ? 1 : (u < 0x800) ? 2 : 3; }
        }
        while (k < list.count) list.offsets[k++] = i8;
    }
    free(s16);
    free(list.lengths);
    *out = buffer; *outLength = (int32_t)(target - buffer);
    *badOffsets = list.offsets; *badCount = list.count;
    return U_ZERO_ERROR;
}

// ---- transliteration ------------------------------------------------------------------

int32_t zh_icu_transliterate(const char *transformID, int32_t idLength, const char *src, int32_t length,
                             char **out, int32_t *outLength, int32_t *parseOffset) {
    *out = NULL; *outLength = 0; *parseOffset = -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t id16Length = 0;
    UChar *id16 = to_utf16(transformID, idLength, &id16Length, &status);
    if (U_FAILURE(status)) return status;
    UParseError parse;
    memset(&parse, 0, sizeof parse);
    UTransliterator *t = utrans_openU(id16, id16Length, UTRANS_FORWARD, NULL, 0, &parse, &status);
    free(id16);
    if (U_FAILURE(status)) { *parseOffset = parse.offset; return status; }
    int32_t n16 = 0;
    UChar *s16 = to_utf16(src, length, &n16, &status);
    if (U_FAILURE(status)) { utrans_close(t); return status; }
    int32_t cap = n16 * 4 + 64;
    for (int attempt = 0; attempt < 8; attempt++) {
        UChar *buffer = (UChar *)malloc(sizeof(UChar) * (size_t)cap);
        if (!buffer) { status = U_MEMORY_ALLOCATION_ERROR; break; }
        memcpy(buffer, s16, sizeof(UChar) * (size_t)n16);
        int32_t textLength = n16, limit = n16;
        status = U_ZERO_ERROR;
        utrans_transUChars(t, buffer, &textLength, cap, 0, &limit, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            free(buffer);
            cap = (textLength > cap ? textLength : cap) * 2;
            continue;
        }
        if (U_SUCCESS(status)) status = to_utf8(buffer, textLength, out, outLength);
        free(buffer);
        break;
    }
    free(s16);
    utrans_close(t);
    return status;
}

// ---- break iteration ------------------------------------------------------------------

typedef struct {
    UBreakIterator *iterator;
    UText *text;
} BreakHandle;

void *zh_icu_break_open(int32_t kind, const char *locale, const char *src, int32_t length, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIteratorType type;
    switch (kind) {
    case ZH_ICU_BREAK_CHARACTER: type = UBRK_CHARACTER; break;
    case ZH_ICU_BREAK_WORD: type = UBRK_WORD; break;
    case ZH_ICU_BREAK_LINE: type = UBRK_LINE; break;
    case ZH_ICU_BREAK_SENTENCE: type = UBRK_SENTENCE; break;
    default: *error = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
    }
    BreakHandle *h = (BreakHandle *)calloc(1, sizeof(BreakHandle));
    if (!h) { *error = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    h->text = utext_openUTF8(NULL, src, length, &status);
    if (U_SUCCESS(status)) h->iterator = ubrk_open(type, locale, NULL, 0, &status);
    if (U_SUCCESS(status)) ubrk_setUText(h->iterator, h->text, &status);
    if (U_FAILURE(status)) {
        if (h->iterator) ubrk_close(h->iterator);
        if (h->text) utext_close(h->text);
        free(h);
        *error = status;
        return NULL;
    }
    *error = U_ZERO_ERROR;
    return h;
}

int32_t zh_icu_break_next(void *handle) {
    int32_t b = ubrk_next(((BreakHandle *)handle)->iterator);
    return b == UBRK_DONE ? -1 : b;
}

int32_t zh_icu_break_rule_status(void *handle) { return ubrk_getRuleStatus(((BreakHandle *)handle)->iterator); }

void zh_icu_break_close(void *handle) {
    BreakHandle *h = (BreakHandle *)handle;
    if (!h) return;
    ubrk_close(h->iterator);
    utext_close(h->text);
    free(h);
}

// ---- character properties -------------------------------------------------------------

int32_t zh_icu_char_type(int32_t scalar) { return (int32_t)u_charType(scalar); }
int32_t zh_icu_script(int32_t scalar) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript(scalar, &status);
    return U_FAILURE(status) ? -1 : (int32_t)code;
}
int32_t zh_icu_is_emoji_presentation(int32_t scalar) { return u_hasBinaryProperty(scalar, UCHAR_EMOJI_PRESENTATION) ? 1 : 0; }
int32_t zh_icu_is_extended_pictographic(int32_t scalar) { return u_hasBinaryProperty(scalar, UCHAR_EXTENDED_PICTOGRAPHIC) ? 1 : 0; }
int32_t zh_icu_is_white_space(int32_t scalar) { return u_isUWhiteSpace(scalar) ? 1 : 0; }
int32_t zh_icu_script_latin(void) { return USCRIPT_LATIN; }
int32_t zh_icu_script_han(void) { return USCRIPT_HAN; }
