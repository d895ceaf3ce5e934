// The system's libedit (Debian: libedit-dev): line editing and history for the interactive
// shell, through its readline-compatible interface.
#ifndef CLIBEDIT_SHIM_H
#define CLIBEDIT_SHIM_H
#include <stdio.h>
#include <editline/readline.h>
#include <histedit.h>
#endif
