// The one C header the LMDB module sees: the system's liblmdb (Debian: liblmdb-dev), and the
// fault guard, the few lines of C that a signal handler has to be.
#ifndef CLMDB_SHIM_H
#define CLMDB_SHIM_H
#include <lmdb.h>

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__linux__)
#include <ucontext.h>
#endif

// The fault guard: a read of a damaged page that LMDB (or code reading the bytes it returned)
// makes can fault with SIGSEGV or SIGBUS. With the guard installed, such a fault ends the
// process with a message on stderr and exit status 3 instead of a raw signal; any other fault
// goes on to the handler that was there before (Swift's backtracer, or the default action).
//
// A fault counts as the database's when the faulting instruction is in liblmdb's code, or the
// faulting address lies in (or just past) a region registered as an environment's map. The
// handler runs on an alternate signal stack and calls only write(2) and _exit(2), which are
// async-signal-safe; everything it reads is prepared before a fault can happen.
//
// The state is in static globals, of which every object file that uses them gets its own copy:
// so call these functions from one Swift file only (LMDB/FaultGuard.swift).

#define CLMDB_FAULT_REGIONS 32
#define CLMDB_FAULT_MESSAGE 2048

static char clmdb_fault_message[CLMDB_FAULT_MESSAGE] = {0};
static volatile sig_atomic_t clmdb_fault_message_length = 0;
static volatile uintptr_t clmdb_fault_region_start[CLMDB_FAULT_REGIONS] = {0};
static volatile uintptr_t clmdb_fault_region_end[CLMDB_FAULT_REGIONS] = {0};
static uintptr_t clmdb_fault_code_start[8] = {0};
static uintptr_t clmdb_fault_code_end[8] = {0};
static int clmdb_fault_code_count = 0;
static struct sigaction clmdb_fault_previous_segv = {0};
static struct sigaction clmdb_fault_previous_bus = {0};
static int clmdb_fault_installed = 0;

/// Bytes past a map's end that still count as the map's: LMDB trusts a node's key size (up to
/// 64 KiB) and data size (up to 4 GiB) when it reads from a page near the end.
#define CLMDB_FAULT_SLACK ((uintptr_t)1 << 33)

static inline uintptr_t clmdb_fault_instruction(void *context) {
#if defined(__linux__) && defined(__x86_64__)
    // REG_RIP is 16; the name needs _GNU_SOURCE, which a module's header cannot set.
    return (uintptr_t)((ucontext_t *)context)->uc_mcontext.gregs[16];
#elif defined(__linux__) && defined(__aarch64__)
    return (uintptr_t)((ucontext_t *)context)->uc_mcontext.pc;
#else
    (void)context;
    return 0;
#endif
}

static void clmdb_fault_handler(int sig, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    uintptr_t instruction = clmdb_fault_instruction(context);
    int ours = 0;
    for (int i = 0; i < clmdb_fault_code_count; i++) {
        if (instruction >= clmdb_fault_code_start[i] && instruction < clmdb_fault_code_end[i]) ours = 1;
    }
    for (int i = 0; i < CLMDB_FAULT_REGIONS; i++) {
        uintptr_t start = clmdb_fault_region_start[i], end = clmdb_fault_region_end[i];
        if (start != 0 && address >= start && address - start < (end - start) + CLMDB_FAULT_SLACK) ours = 1;
    }
    sig_atomic_t length = clmdb_fault_message_length;
    if (ours && length > 0) {
        ssize_t written = write(2, clmdb_fault_message, (size_t)length);
        (void)written;
        _exit(3);
    }
    // Not the database's fault: hand it to the handler that was there before. Returning runs
    // the faulting instruction again, which then reaches that handler.
    sigaction(sig, sig == SIGBUS ? &clmdb_fault_previous_bus : &clmdb_fault_previous_segv, NULL);
}

/// Counts `[start, end)` as liblmdb's code (at most 8 ranges).
static inline void clmdb_fault_add_code(uintptr_t start, uintptr_t end) {
    if (clmdb_fault_code_count >= 8) return;
    clmdb_fault_code_start[clmdb_fault_code_count] = start;
    clmdb_fault_code_end[clmdb_fault_code_count] = end;
    clmdb_fault_code_count++;
}

/// Sets the message the guard writes before it exits with status 3 (cut to 2 KiB).
static inline void clmdb_fault_set_message(const char *message, size_t length) {
    if (length > CLMDB_FAULT_MESSAGE) length = CLMDB_FAULT_MESSAGE;
    clmdb_fault_message_length = 0;
    memcpy(clmdb_fault_message, message, length);
    clmdb_fault_message_length = (sig_atomic_t)length;
}

/// Installs the handlers for SIGSEGV and SIGBUS, on an alternate stack of this thread; returns
/// 0, or the errno of the call that failed. Installing twice does nothing more.
static inline int clmdb_fault_install(void) {
    if (clmdb_fault_installed) return 0;
    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_size = 256 * 1024;
    stack.ss_sp = malloc(stack.ss_size);
    if (stack.ss_sp == NULL || sigaltstack(&stack, NULL) != 0) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = clmdb_fault_handler;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGSEGV, &action, &clmdb_fault_previous_segv) != 0) return -1;
    if (sigaction(SIGBUS, &action, &clmdb_fault_previous_bus) != 0) return -1;
    clmdb_fault_installed = 1;
    return 0;
}

/// Counts `[start, start + length)` as a map's region in slot `slot`; a length of 0 frees it.
static inline void clmdb_fault_set_region(int slot, uintptr_t start, uintptr_t length) {
    if (slot < 0 || slot >= CLMDB_FAULT_REGIONS) return;
    clmdb_fault_region_start[slot] = 0;
    clmdb_fault_region_end[slot] = length == 0 ? 0 : start + length;
    clmdb_fault_region_start[slot] = length == 0 ? 0 : start;
}

/// LMDB's assertion callback (`mdb_env_set_assert`): a failed assertion on a read means a
/// damaged page. With the guard installed, ends the process as a fault in the map would;
/// otherwise returns, and LMDB aborts.
static void clmdb_assert_handler(MDB_env *env, const char *message) {
    (void)env;
    (void)message;
    sig_atomic_t length = clmdb_fault_message_length;
    if (clmdb_fault_installed && length > 0) {
        ssize_t written = write(2, clmdb_fault_message, (size_t)length);
        (void)written;
        _exit(3);
    }
}

/// Sets `clmdb_assert_handler` as the assertion callback of `env`.
static inline int clmdb_set_assert_handler(MDB_env *env) {
    return mdb_env_set_assert(env, clmdb_assert_handler);
}

#endif
