#ifndef CMIMELIBRARYLOADER_H
#define CMIMELIBRARYLOADER_H

/* No declarations: this target defines the libcrypto and GPGME functions mimekit calls
   (stubs.S), which Swift reaches through the headers of CMIMEOpenSSL and CMIMEGPGME.
   Depending on it is what links them in. */

#endif
