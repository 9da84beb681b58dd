#ifndef CMIMEOPENSSL_SHIM_H
#define CMIMEOPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/provider.h>

/* Function-like macros of OpenSSL 3 that Swift cannot import, as typed inline functions. */

static inline long mimekit_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

static inline void mimekit_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}

static inline int mimekit_sk_CMS_SignerInfo_num(const STACK_OF(CMS_SignerInfo) *stack) {
    return sk_CMS_SignerInfo_num(stack);
}

static inline CMS_SignerInfo *mimekit_sk_CMS_SignerInfo_value(const STACK_OF(CMS_SignerInfo) *stack, int index) {
    return sk_CMS_SignerInfo_value(stack, index);
}

static inline int mimekit_sk_CMS_RecipientInfo_num(const STACK_OF(CMS_RecipientInfo) *stack) {
    return sk_CMS_RecipientInfo_num(stack);
}

static inline CMS_RecipientInfo *mimekit_sk_CMS_RecipientInfo_value(const STACK_OF(CMS_RecipientInfo) *stack, int index) {
    return sk_CMS_RecipientInfo_value(stack, index);
}

static inline int mimekit_sk_CMS_RecipientEncryptedKey_num(const STACK_OF(CMS_RecipientEncryptedKey) *stack) {
    return sk_CMS_RecipientEncryptedKey_num(stack);
}

static inline CMS_RecipientEncryptedKey *mimekit_sk_CMS_RecipientEncryptedKey_value(
    const STACK_OF(CMS_RecipientEncryptedKey) *stack, int index) {
    return sk_CMS_RecipientEncryptedKey_value(stack, index);
}

static inline STACK_OF(X509) *mimekit_sk_X509_new_null(void) {
    return sk_X509_new_null();
}

static inline int mimekit_sk_X509_push(STACK_OF(X509) *stack, X509 *certificate) {
    return sk_X509_push(stack, certificate);
}

static inline int mimekit_sk_X509_num(const STACK_OF(X509) *stack) {
    return sk_X509_num(stack);
}

static inline X509 *mimekit_sk_X509_value(const STACK_OF(X509) *stack, int index) {
    return sk_X509_value(stack, index);
}

/* Frees the stack only: the certificates in it belong to someone else. */
static inline void mimekit_sk_X509_free(STACK_OF(X509) *stack) {
    sk_X509_free(stack);
}

/* Frees the stack and every certificate in it. */
static inline void mimekit_sk_X509_pop_free(STACK_OF(X509) *stack) {
    sk_X509_pop_free(stack, X509_free);
}

static inline int mimekit_sk_OPENSSL_STRING_num(const STACK_OF(OPENSSL_STRING) *stack) {
    return sk_OPENSSL_STRING_num(stack);
}

static inline const char *mimekit_sk_OPENSSL_STRING_value(const STACK_OF(OPENSSL_STRING) *stack, int index) {
    return sk_OPENSSL_STRING_value(stack, index);
}

/* Constants that are expressions of other macros, which Swift does not import. */
static inline unsigned long mimekit_XN_FLAG_RFC2253(void) {
    return XN_FLAG_RFC2253;
}

static inline int mimekit_ERR_R_UNSUPPORTED(void) {
    return ERR_R_UNSUPPORTED;
}

#endif
