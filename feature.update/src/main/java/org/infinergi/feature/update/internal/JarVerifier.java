package org.infinergi.feature.update.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.ZipException;

import org.osgi.framework.Version;

/**
 * Checks an uploaded JAR before anything changes (JDK crypto only): every entry signed by one signer whose
 * certificate validates up to the trust list, no entry altered since signing, and an OSGi bundle manifest.
 */
final class JarVerifier {

    private JarVerifier() {
    }

    static SignedBundle verify(Path jar, TrustList trust) throws UpdateRejected {
        if (trust.error() != null) {
            throw new UpdateRejected("trust list invalid: " + trust.error());
        }
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            Set<CertPath> signers = commonSigners(file);
            String signer = trustedSigner(signers, trust);
            Manifest manifest = file.getManifest();
            return bundleOf(manifest, signer);
        } catch (ZipException e) {
            throw new UpdateRejected("not a JAR: " + e.getMessage());
        } catch (IOException e) {
            throw new UpdateRejected("not a JAR: cannot read it (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads every entry to the end (the JDK checks its digest against the signed manifest only then) and returns
     * the signers that signed all of them.
     */
    private static Set<CertPath> commonSigners(JarFile file) throws IOException, UpdateRejected {
        Set<CertPath> common = null;
        Set<String> present = new HashSet<>();
        int signed = 0;
        int unsigned = 0;
        String firstUnsigned = null;
        byte[] buffer = new byte[8192];
        for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements();) {
            JarEntry entry = e.nextElement();
            present.add(entry.getName());
            if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                continue;
            }
            try (InputStream in = file.getInputStream(entry)) {
                while (in.read(buffer) != -1) {
                    // drain: the digest is checked at the end of the stream
                }
            } catch (SecurityException ex) {
                throw new UpdateRejected("tampered entry " + entry.getName() + ": " + ex.getMessage());
            }
            CodeSigner[] codeSigners = entry.getCodeSigners();
            if (codeSigners == null || codeSigners.length == 0) {
                unsigned++;
                if (firstUnsigned == null) {
                    firstUnsigned = entry.getName();
                }
                continue;
            }
            signed++;
            Set<CertPath> these = new LinkedHashSet<>();
            for (CodeSigner s : codeSigners) {
                these.add(s.getSignerCertPath());
            }
            if (common == null) {
                common = these;
            } else {
                common.retainAll(these);
            }
        }
        if (signed == 0) {
            throw new UpdateRejected("unsigned: no entry of the JAR is signed");
        }
        if (unsigned > 0) {
            throw new UpdateRejected("unsigned entry " + firstUnsigned + (unsigned > 1 ? " and " + (unsigned - 1)
                    + " more" : "") + ": added or changed after signing");
        }
        // An entry removed after signing leaves its digest in the manifest: the JAR is not what was signed.
        Manifest manifest = file.getManifest();
        for (String name : manifest.getEntries().keySet()) {
            if (hasDigest(manifest.getAttributes(name)) && !present.contains(name)) {
                throw new UpdateRejected("tampered: signed entry " + name + " is missing");
            }
        }
        if (common.isEmpty()) {
            throw new UpdateRejected("signed by different signers: no signer signed every entry");
        }
        return common;
    }

    private static boolean hasDigest(Attributes attributes) {
        return attributes != null && attributes.keySet().stream()
                .anyMatch(k -> k.toString().toUpperCase(Locale.ROOT).endsWith("-DIGEST"));
    }

    /** META-INF/MANIFEST.MF and the signature files themselves are not signed entries (JAR File Specification). */
    static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        String file = upper.substring("META-INF/".length());
        return file.equals("MANIFEST.MF") || file.startsWith("SIG-") || file.endsWith(".SF")
                || file.endsWith(".RSA") || file.endsWith(".DSA") || file.endsWith(".EC");
    }

    private static X509Certificate endEntity(CertPath path) {
        return (X509Certificate) path.getCertificates().get(0);
    }

    /** The subject of a common signer whose chain validates up to a trusted certificate. */
    private static String trustedSigner(Set<CertPath> signers, TrustList trust) throws UpdateRejected {
        String names = signers.stream().map(p -> endEntity(p).getSubjectX500Principal().getName())
                .collect(Collectors.joining("; "));
        if (trust.certificates().isEmpty()) {
            throw new UpdateRejected("untrusted signer " + names + ": the trust list is empty (PID "
                    + UpdateConfig.PID + ", trustedCertificates: install the manufacturer's certificate)");
        }
        Set<TrustAnchor> anchors = trust.certificates().stream().map(c -> new TrustAnchor(c, null))
                .collect(Collectors.toSet());
        String lastProblem = null;
        for (CertPath path : signers) {
            X509Certificate signer = endEntity(path);
            if (trust.certificates().contains(signer)) {
                try {
                    signer.checkValidity();
                    return signer.getSubjectX500Principal().getName();
                } catch (GeneralSecurityException e) {
                    lastProblem = e.getMessage();
                    continue;
                }
            }
            try {
                PKIXParameters params = new PKIXParameters(anchors);
                params.setRevocationEnabled(false); // a charger offline cannot fetch revocation lists
                CertPathValidator.getInstance("PKIX").validate(path, params);
                return signer.getSubjectX500Principal().getName();
            } catch (CertPathValidatorException e) {
                lastProblem = e.getMessage();
            } catch (GeneralSecurityException e) {
                lastProblem = e.getMessage();
            }
        }
        throw new UpdateRejected("untrusted signer " + names + (lastProblem == null ? "" : " (" + lastProblem + ")"));
    }

    private static SignedBundle bundleOf(Manifest manifest, String signer) throws UpdateRejected {
        Attributes main = manifest == null ? null : manifest.getMainAttributes();
        String bsn = main == null ? null : main.getValue("Bundle-SymbolicName");
        if (bsn == null || bsn.isBlank()) {
            throw new UpdateRejected("not a bundle: the manifest has no Bundle-SymbolicName");
        }
        bsn = bsn.split(";", 2)[0].strip();
        String version = main.getValue("Bundle-Version");
        Version parsed;
        try {
            parsed = Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            throw new UpdateRejected("not a bundle: Bundle-Version '" + version + "' is not an OSGi version");
        }
        return new SignedBundle(bsn, parsed, signer);
    }
}
