/* numfmt.h — numbers as Vietnamese documents print them: decimal comma,
 * thousands dot, trailing zeros trimmed where the seeds trim them. */
#ifndef BAOCAO_NUMFMT_H
#define BAOCAO_NUMFMT_H

#include <stddef.h>
#include "dec.h"

/* A score or count: "84,69", "30", "8,7", "3.863". At most 2 decimals. */
const char *fmt_num(char *buf, size_t size, dec v);
/* A converted score with exactly `places` decimals: "83,40", "9,00". */
const char *fmt_fixed(char *buf, size_t size, dec v, int places);
/* Zero-padded count: 3 -> "03", 12 -> "12". */
const char *fmt_count(char *buf, size_t size, long n);

#endif
