package dev.latch.core.oid;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OidNamesTest {
    @Test
    void extensionsAndPurposesHaveTheirRfc5280NamesAndUnknownOnesTheirOid() {
        assertThat(OidNames.extension(Extension.subjectAlternativeName)).isEqualTo("subjectAltName");
        assertThat(OidNames.extension(new ASN1ObjectIdentifier("1.2.3.4"))).isEqualTo("1.2.3.4");
        assertThat(OidNames.keyPurpose(KeyPurposeId.id_kp_clientAuth)).isEqualTo("clientAuth");
        assertThat(OidNames.keyPurpose(KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.99"))))
                .isEqualTo("1.3.6.1.4.1.99");
    }

    @Test
    void keyPurposesAreFoundByNameOrOidAndNothingElse() {
        assertThat(OidNames.keyPurpose("serverAuth")).isEqualTo(KeyPurposeId.id_kp_serverAuth);
        assertThat(OidNames.keyPurpose("1.3.6.1.5.5.7.3.2")).isEqualTo(KeyPurposeId.id_kp_clientAuth);
        assertThat(OidNames.keyPurpose("serverauth")).isNull();
        assertThat(OidNames.keyPurpose("not an oid")).isNull();
    }

    @Test
    void generalNameTypesAreSpeltAsOpenSslPrintsThem() {
        assertThat(OidNames.generalNameType(GeneralName.dNSName)).isEqualTo("DNS");
        assertThat(OidNames.generalNameType(GeneralName.iPAddress)).isEqualTo("IP");
        assertThat(OidNames.generalNameType(GeneralName.rfc822Name)).isEqualTo("email");
        assertThat(OidNames.generalNameType(GeneralName.uniformResourceIdentifier)).isEqualTo("URI");
        assertThat(OidNames.generalNameType(GeneralName.directoryName)).isEqualTo("DirName");
    }
}
