/* Loads libcrypto and GPGME, each on the first call of one of its functions (see stubs.S).

   mimekit used to link both, and the dynamic loader mapped and relocated them at every start
   (~2.5 ms and ~140 page faults, most of it libcrypto), though most commands (dump, stat,
   extract, and scan of a message without S/MIME or OpenPGP) never call them. Now only a
   command that does pays for it. */

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <openssl/opensslv.h>

#define MIMEKIT_STRING(x) #x
#define MIMEKIT_EXPANDED_STRING(x) MIMEKIT_STRING(x)

#define MIMEKIT_LAZY_FUNCTION(name) #name,
static const char *const openSSLNames[] = {
#include "OpenSSLFunctions.h"
};
static const char *const gpgmeNames[] = {
#include "GPGMEFunctions.h"
};
#undef MIMEKIT_LAZY_FUNCTION

enum {
    openSSLCount = sizeof openSSLNames / sizeof openSSLNames[0],
    gpgmeCount = sizeof gpgmeNames / sizeof gpgmeNames[0],
};

/* In stubs.S, in the order of the lists. */
extern void *mimekit_openssl_slots[openSSLCount] __attribute__((visibility("hidden")));
extern void *mimekit_gpgme_slots[gpgmeCount] __attribute__((visibility("hidden")));

struct LazyLibrary {
    const char *file;
    const char *const *names;
    void **slots;
    int count;
};

/* The library OpenSSL's headers belong to (libcrypto.so.3 for OpenSSL 3), and GPGME's, whose
   file name has ended in .so.11 since GPGME 1.2. */
static const struct LazyLibrary openSSL = {
    "libcrypto.so." MIMEKIT_EXPANDED_STRING(OPENSSL_VERSION_MAJOR), openSSLNames, mimekit_openssl_slots, openSSLCount
};
static const struct LazyLibrary gpgme = { "libgpgme.so.11", gpgmeNames, mimekit_gpgme_slots, gpgmeCount };

/* Like the dynamic loader when a library is missing at start: a message and status 127. */
static void fail(const struct LazyLibrary *library, const char *what, const char *detail) {
    fprintf(stderr, "mimekit: cannot load %s: %s: %s\n", library->file, what, detail ? detail : "unknown error");
    _exit(127);
}

static void load(const struct LazyLibrary *library) {
    void *handle = dlopen(library->file, RTLD_NOW | RTLD_GLOBAL);
    if (handle == NULL) fail(library, "dlopen", dlerror());
    for (int index = 0; index < library->count; index++) {
        void *function = dlsym(handle, library->names[index]);
        if (function == NULL) fail(library, library->names[index], dlerror());
        __atomic_store_n(&library->slots[index], function, __ATOMIC_RELEASE);
    }
}

static pthread_once_t openSSLOnce = PTHREAD_ONCE_INIT;
static pthread_once_t gpgmeOnce = PTHREAD_ONCE_INIT;
static void loadOpenSSL(void) { load(&openSSL); }
static void loadGPGME(void) { load(&gpgme); }

/* Called by the stubs with the slot of the function called; returns the function. */
__attribute__((visibility("hidden"))) void *mimekit_lazy_resolve(void **slot) {
    if (slot >= mimekit_openssl_slots && slot < mimekit_openssl_slots + openSSLCount) {
        pthread_once(&openSSLOnce, loadOpenSSL);
    } else {
        pthread_once(&gpgmeOnce, loadGPGME);
    }
    return __atomic_load_n(slot, __ATOMIC_ACQUIRE);
}
