/* Decoding a document's bytes to UTF-8: UTF-8 as it is, GB18030 when a file
 * is not UTF-8 but reads cleanly as GB18030, or any encoding iconv knows when
 * asked. Everything after this step works on UTF-8 offsets. */
#include "text/text.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Well-formed multi-byte sequences and invalid bytes of data: UTF-8 when
 * invalid == 0. */
static void utf8_census(const unsigned char *u, size_t n, size_t *multibyte, size_t *invalid)
{
    size_t mb = 0, bad = 0;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t len;
        if (cl_utf8_decode(u + i, n - i, &len) == CL_UTF8_INVALID)
            bad++;
        else
            mb++;
        i += len;
    }
    *multibyte = mb;
    *invalid = bad;
}

static bool is_utf8_name(const char *name)
{
    return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

/* Converts data to UTF-8 with cd. Returns the converted text (NUL-terminated,
 * *out_len bytes), or NULL with *bad set to the offset of the first byte that
 * does not convert (an incomplete sequence at the end counts as bad too). */
static char *convert(iconv_t cd, const char *data, size_t len, size_t *out_len, size_t *bad)
{
    size_t cap = len + len / 2 + 16, used = 0;
    char *out = cl_malloc(cap + 1);
    char *in = (char *)data; /* iconv's prototype is not const-correct */
    size_t in_left = len;
    bool flushing = false; /* the last call writes what a stateful encoding still holds */
    for (;;) {
        char *dst = out + used;
        size_t dst_left = cap - used;
        size_t r = flushing ? iconv(cd, NULL, NULL, &dst, &dst_left) : iconv(cd, &in, &in_left, &dst, &dst_left);
        used = (size_t)(dst - out);
        if (r == (size_t)-1 && errno == E2BIG) {
            cap = cap * 2 + 16;
            out = cl_realloc(out, cap + 1);
            continue;
        }
        if (r == (size_t)-1) {
            /* EILSEQ (a byte that is not in the encoding) or EINVAL (a
             * sequence cut off by the end of the file). */
            *bad = (size_t)(in - data);
            free(out);
            return NULL;
        }
        if (flushing)
            break;
        flushing = true; /* all the input is converted */
    }
    out[used] = '\0';
    *out_len = used;
    return out;
}

bool cl_encoding_known(const char *name)
{
    if (!name || !name[0])
        return false;
    if (is_utf8_name(name))
        return true;
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return false;
    iconv_close(cd);
    return true;
}

static void set_encoding(cl_decoded *out, const char *name)
{
    snprintf(out->encoding, sizeof out->encoding, "%s", name);
}

cl_decode_status cl_text_decode(cl_decoded *out, const char *data, size_t len, const char *encoding)
{
    memset(out, 0, sizeof *out);
    out->text = data;
    out->len = len;
    if (encoding && encoding[0] && !is_utf8_name(encoding)) {
        iconv_t cd = iconv_open("UTF-8", encoding);
        if (cd == (iconv_t)-1) {
            set_encoding(out, encoding);
            return CL_DECODE_UNKNOWN;
        }
        size_t n = 0, bad = 0;
        char *utf8 = convert(cd, data, len, &n, &bad);
        iconv_close(cd);
        set_encoding(out, encoding);
        if (!utf8) {
            out->bad_offset = bad;
            return CL_DECODE_BAD;
        }
        out->owned = utf8;
        out->text = utf8;
        out->len = n;
        return CL_DECODE_OK;
    }
    if (encoding && encoding[0])
        return CL_DECODE_OK; /* UTF-8 asked for: no detection */

    size_t multibyte, invalid;
    utf8_census((const unsigned char *)data, len, &multibyte, &invalid);
    /* GB18030 text is mostly invalid as UTF-8 (about one well-formed sequence
     * for every four or five invalid bytes in Chinese prose), while a UTF-8
     * file with a few stray bytes has many more good sequences than bad bytes.
     * GB18030 accepts almost any pair of high bytes, so "decodes cleanly" alone
     * would take such a file for GB18030 about half the time. */
    if (invalid == 0 || multibyte >= invalid)
        return CL_DECODE_OK;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return CL_DECODE_OK; /* no GB18030 in this libc: report the bytes as invalid UTF-8 */
    size_t n = 0, bad = 0;
    char *utf8 = convert(cd, data, len, &n, &bad);
    iconv_close(cd);
    if (utf8) {
        out->owned = utf8;
        out->text = utf8;
        out->len = n;
        set_encoding(out, "GB18030");
    }
    return CL_DECODE_OK;
}

void cl_decoded_free(cl_decoded *d)
{
    if (!d)
        return;
    free(d->owned);
    memset(d, 0, sizeof *d);
}
