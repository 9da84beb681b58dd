import Testing
@testable import MIMEKit

@Suite struct PunycodeTests {
    // RFC 3492 section 7.1 samples and well-known IDN labels.
    @Test func decodesKnownLabels() {
        #expect(Punycode.decode("bcher-kva") == "bücher")
        #expect(Punycode.decode("mnchen-3ya") == "münchen")
        #expect(Punycode.decode("ihqwcrb4cv8a8dqg056pqjye") == "他们为什么不说中文")
        #expect(Punycode.decode("egbpdaj6bu4bxfgehfvwxn") == "ليهمابتكلموشعربي؟")
    }

    @Test func encodesKnownLabels() {
        #expect(Punycode.encode("bücher") == "bcher-kva")
        #expect(Punycode.encode("他们为什么不说中文") == "ihqwcrb4cv8a8dqg056pqjye")
    }

    @Test func roundTrips() {
        for label in ["ドメイン名例", "παράδειγμα", "пример", "x", "a-b-ß"] {
            #expect(Punycode.encode(label).flatMap(Punycode.decode) == label)
        }
    }

    @Test func malformedInputIsNil() {
        #expect(Punycode.decode("99999999999999999999") == nil)
        #expect(Punycode.decode("abc-!") == nil)
        #expect(Punycode.decode("ü") == nil)
    }

    @Test func domainsKeepUndecodableLabels() {
        #expect(Punycode.unicodeDomain("xn--bcher-kva.XN--!!.example") == "bücher.XN--!!.example")
        #expect(Punycode.asciiDomain("münchen.de") == "xn--mnchen-3ya.de")
    }
}
