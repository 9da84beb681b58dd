#ifndef CMIMEGPGME_SHIM_H
#define CMIMEGPGME_SHIM_H

#include <gpgme.h>

/* gpgme_check_version is a macro (it also checks the structure sizes the header was built
   with), so Swift cannot call it directly. */
static inline const char *mimekit_gpgme_check_version(const char *required) {
    return gpgme_check_version(required);
}

#endif
