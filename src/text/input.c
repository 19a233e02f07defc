/* A document read for checking: decoded to UTF-8, its article text extracted
 * by format, and what went wrong or what was assumed on the way turned into
 * notices with line and column, for the API layer to report. */
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

static cl_notice *add_notice(cl_input *in, cl_notice_kind kind, size_t offset, char *message)
{
    in->notices = cl_realloc(in->notices, (in->n_notices + 1) * sizeof *in->notices);
    cl_notice *n = &in->notices[in->n_notices++];
    *n = (cl_notice){kind, offset, 0, 0, message};
    return n;
}

static void decoding_failed(cl_input *in, cl_decode_status st, const char *data, size_t len)
{
    in->failed = true;
    in->text = in->extracted = data;
    in->len = len;
    if (st == CL_DECODE_UNKNOWN) {
        add_notice(in, CL_NOTICE_ERROR, 0,
                   cl_strfmt("unknown encoding '%s' (iconv does not know it); the file is not checked",
                             in->dec.encoding));
        return;
    }
    size_t off = in->dec.bad_offset;
    char *m = off < len ? cl_strfmt("byte 0x%02X does not decode as %s; the file is not checked",
                                    (unsigned char)data[off], in->dec.encoding)
                        : cl_strfmt("the file ends inside a character of %s; the file is not checked",
                                    in->dec.encoding);
    cl_notice *n = add_notice(in, CL_NOTICE_ERROR, off, m);
    /* The bytes could not be decoded, so the column can only count bytes. */
    cl_lines lines;
    cl_lines_init(&lines, data, len);
    cl_lines_locate(&lines, off, CL_COLUMN_BYTE, &n->line, &n->column);
    cl_lines_free(&lines);
}

void cl_input_open(cl_input *in, const char *name, const char *data, size_t len, cl_markup markup,
                   const char *encoding, cl_column_unit unit)
{
    memset(in, 0, sizeof *in);
    cl_decode_status st = cl_text_decode(&in->dec, data, len, encoding);
    if (st != CL_DECODE_OK) {
        decoding_failed(in, st, data, len);
        return;
    }
    in->text = in->extracted = in->dec.text;
    in->len = in->dec.len;
    if (in->dec.encoding[0]) {
        in->encoding = in->dec.encoding;
        add_notice(in, CL_NOTICE_REMARK, 0, cl_strfmt("read as %s", in->dec.encoding));
    }
    if (markup == CL_MARKUP_AUTO)
        markup = cl_markup_for_name(name);
    if (markup != CL_MARKUP_MARKDOWN && markup != CL_MARKUP_HTML)
        return;
    cl_text_extract(&in->ex, markup, in->text, in->len);
    in->extracted = in->ex.text;
    in->code = in->ex.code;
    in->n_code = in->ex.n_code;
    memcpy(in->date, in->ex.date, sizeof in->date);
    if (in->ex.n_notes == 0)
        return;
    cl_lines lines;
    cl_lines_init(&lines, in->text, in->len);
    for (size_t i = 0; i < in->ex.n_notes; i++) {
        const cl_extract_note *x = &in->ex.notes[i];
        cl_notice *n = add_notice(in, x->problem ? CL_NOTICE_WARNING : CL_NOTICE_REMARK, x->offset,
                                  cl_strdup(x->message));
        cl_lines_locate(&lines, x->offset, unit, &n->line, &n->column);
    }
    cl_lines_free(&lines);
}

void cl_input_free(cl_input *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->n_notices; i++)
        free(in->notices[i].message);
    free(in->notices);
    cl_decoded_free(&in->dec);
    cl_extracted_free(&in->ex);
    memset(in, 0, sizeof *in);
}
