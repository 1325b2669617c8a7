#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"

bool cli_parse_size(const char *s, uint64_t *out)
{
    char *end;
    if (!isdigit((unsigned char)s[0]))
        return false; /* strtoull would skip spaces and accept a sign */
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    unsigned shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20
                   : *end == 'G' || *end == 'g' ? 30 : *end == 'T' || *end == 't' ? 40 : 0;
    if (shift && *++end && strcmp(end, "iB") != 0 && strcmp(end, "B") != 0)
        return false;
    if (errno || (!shift && *end) || v > (UINT64_MAX >> shift))
        return false;
    *out = (uint64_t)v << shift;
    return true;
}

bool cli_parse_u64(const char *s, uint64_t *out)
{
    char *end;
    if (!isdigit((unsigned char)s[0]))
        return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}
