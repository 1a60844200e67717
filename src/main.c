/* main.c — the baocao command line (work in progress). */
#include <stdio.h>
int main(void) { puts("baocao " BAOCAO_VERSION); return 0; }
