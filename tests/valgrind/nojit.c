/* Preloaded under valgrind (tests/valgrind/run.sh): PCRE2's JIT writes and
 * runs machine code that memcheck cannot follow, and every match through it
 * is reported as a jump on uninitialised values. Refusing JIT compilation
 * makes claimlint use the interpreter, as it does where JIT is unavailable,
 * so that memcheck sees claimlint's own memory handling. */
#include <stdint.h>

int pcre2_jit_compile_8(void *code, uint32_t options);

int pcre2_jit_compile_8(void *code, uint32_t options)
{
    (void)code;
    (void)options;
    return -45; /* PCRE2_ERROR_JIT_BADOPTION: "JIT is not supported" */
}
