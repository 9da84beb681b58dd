#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECrypto
private import CMIMEOpenSSL

/// Checks one SignerInfo (RFC 5652 §5.3, §5.6) and describes it as a ``SignatureInfo``.
///
/// ```
/// SignerInfo ::= SEQUENCE {
///   version CMSVersion,
///   sid SignerIdentifier,
///   digestAlgorithm DigestAlgorithmIdentifier,
///   signedAttrs [0] IMPLICIT SignedAttributes OPTIONAL,
///   signatureAlgorithm SignatureAlgorithmIdentifier,
///   signature SignatureValue,
///   unsignedAttrs [1] IMPLICIT UnsignedAttributes OPTIONAL }
/// ```
///
/// The signature is checked first (the signed attributes, then the message digest against
/// the content); only a matching signature has its certificate chain checked, so `bad`
/// wins over `untrusted` and `expired`.
struct SignerCheck {
    /// The trust anchors (X509_STORE), borrowed.
    let store: OpaquePointer
    /// The certificates the message carries (STACK_OF(X509)), borrowed; chain building may
    /// use them as intermediates.
    let certificates: OpaquePointer?
    /// The pinned verification time, if any.
    let verificationTime: Date?

    /// The result for a signer whose content digest could not even be computed.
    func undigested(_ signerInfo: OpaquePointer, errors: OpenSSLErrorQueue) -> SignatureInfo {
        var info = describe(signerInfo)
        if !isDigestSupported(signerInfo) || errors.isUnsupportedAlgorithm {
            info.status = .unsupported
            info.reason = "the digest algorithm \(info.digestAlgorithm ?? "?") is not supported"
        } else {
            info.status = .error
            info.reason = "the content could not be digested: \(errors.summary("unknown OpenSSL error"))"
        }
        return info
    }

    /// Checks the signature against the digests in `digests` (the BIO chain of
    /// `CMS_dataInit`, after the content has been read through it), then the signer's chain.
    func verify(_ signerInfo: OpaquePointer, digests: OpaquePointer) -> SignatureInfo {
        var info = describe(signerInfo)
        var signer: OpaquePointer?
        CMS_SignerInfo_get0_algs(signerInfo, nil, &signer, nil, nil)
        guard let signer else {
            info.status = .untrusted
            info.reason = "unknown signer: the signer's certificate is not in the message"
            return info
        }
        OpenSSLErrorQueue.clear()
        if CMS_signed_get_attr_count(signerInfo) >= 0, CMS_SignerInfo_verify(signerInfo) != 1 {
            let errors = OpenSSLErrorQueue.drain()
            if errors.isUnsupportedAlgorithm {
                info.status = .unsupported
                info.reason = "the signature algorithm \(info.signatureAlgorithm ?? "?") is not supported"
            } else {
                info.status = .bad
                info.reason = "the signature over the signed attributes does not verify"
            }
            return info
        }
        let contentCheck = CMS_SignerInfo_verify_content(signerInfo, digests)
        let errors = OpenSSLErrorQueue.drain()
        guard contentCheck == 1 else {
            if errors.isUnsupportedAlgorithm {
                info.status = .unsupported
                info.reason = "the algorithms \(info.digestAlgorithm ?? "?") with \(info.signatureAlgorithm ?? "?") are not supported"
            } else {
                info.status = .bad
                info.reason = "the content does not match the signature: \(errors.summary("digest mismatch"))"
            }
            return info
        }
        return checkChain(of: signer, info: info)
    }

    private func checkChain(of signer: OpaquePointer, info: SignatureInfo) -> SignatureInfo {
        var info = info
        guard let context = X509_STORE_CTX_new() else {
            info.status = .error
            info.reason = "OpenSSL could not allocate a verification context"
            return info
        }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, signer, certificates) == 1,
            X509_STORE_CTX_set_default(context, "smime_sign") == 1
        else {
            info.status = .error
            info.reason = "the certificate check could not be set up: \(OpenSSLErrorQueue.drain().summary("unknown OpenSSL error"))"
            return info
        }
        if let verificationTime {
            X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(context), time_t(verificationTime.timeIntervalSince1970))
        }
        let verified = X509_verify_cert(context) == 1
        OpenSSLErrorQueue.clear()
        if verified {
            info.status = .valid
            info.reason = "the signature matches and the certificate chain is trusted"
            return info
        }
        let code = X509_STORE_CTX_get_error(context)
        let text = String(cString: X509_verify_cert_error_string(Int(code)))
        switch code {
        case X509_V_ERR_CERT_HAS_EXPIRED, X509_V_ERR_CERT_NOT_YET_VALID:
            info.status = .expired
        default:
            info.status = .untrusted
        }
        info.reason = "the signature matches, but the certificate chain fails: \(text)"
        return info
    }

    /// Everything about the signer that does not depend on the checks.
    private func describe(_ signerInfo: OpaquePointer) -> SignatureInfo {
        var signer: OpaquePointer?
        var digest: UnsafeMutablePointer<X509_ALGOR>?
        var signature: UnsafeMutablePointer<X509_ALGOR>?
        CMS_SignerInfo_get0_algs(signerInfo, nil, &signer, &digest, &signature)
        var info = SignatureInfo(
            status: .error,
            digestAlgorithm: digest.map(Self.name(of:)),
            signatureAlgorithm: signature.map(Self.name(of:)),
            signingTime: Self.signingTime(of: signerInfo),
            reason: "not checked"
        )
        if let signer {
            let certificate = SMIMECertificate(retaining: signer)
            info.signer = certificate.subject
            info.emailAddresses = certificate.emailAddresses
            info.fingerprint = certificate.fingerprint
            info.serialNumber = certificate.serialNumber
        }
        return info
    }

    private func isDigestSupported(_ signerInfo: OpaquePointer) -> Bool {
        var digest: UnsafeMutablePointer<X509_ALGOR>?
        CMS_SignerInfo_get0_algs(signerInfo, nil, nil, &digest, nil)
        guard let digest else { return false }
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, digest)
        let nid = OBJ_obj2nid(object)
        guard nid != NID_undef, let md = EVP_MD_fetch(nil, OBJ_nid2sn(nid), nil) else {
            OpenSSLErrorQueue.clear()
            return false
        }
        EVP_MD_free(md)
        return true
    }

    /// The long name OpenSSL gives an algorithm (`sha256`, `ecdsa-with-SHA256`), or its
    /// dotted object identifier when OpenSSL has no name for it.
    private static func name(of algorithm: UnsafeMutablePointer<X509_ALGOR>) -> String {
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        let nid = OBJ_obj2nid(object)
        if nid != NID_undef, let name = OBJ_nid2ln(nid) {
            return String(cString: name)
        }
        var buffer = [CChar](repeating: 0, count: 128)
        let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
        guard length > 0 else { return "unknown" }
        return String(decoding: buffer.prefix(Int(min(length, 127))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The signing-time signed attribute (RFC 5652 §11.3), if present and readable.
    private static func signingTime(of signerInfo: OpaquePointer) -> Date? {
        let index = CMS_signed_get_attr_by_NID(signerInfo, NID_pkcs9_signingTime, -1)
        guard index >= 0, let attribute = CMS_signed_get_attr(signerInfo, index),
            let value = X509_ATTRIBUTE_get0_type(attribute, 0)
        else { return nil }
        guard value.pointee.type == V_ASN1_UTCTIME || value.pointee.type == V_ASN1_GENERALIZEDTIME else { return nil }
        var fields = tm()
        guard ASN1_TIME_to_tm(value.pointee.value.asn1_string, &fields) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&fields)))
    }
}
