package kvspoolguard.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * One version per artifact and plugin across the repository. functions/pom.xml has no parent (sam
 * build copies that folder alone), so it repeats the versions the root pom declares for the other
 * modules; this is what keeps the two from drifting apart.
 */
class PomVersionsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> POMS = List.of("pom.xml", "functions/pom.xml", "local/pom.xml", "e2e/pom.xml",
            "bench/baseline/pom.xml", "bench/harness/pom.xml");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    @Test
    void everyArtifactAndPlugin_hasOneVersion_acrossEveryPom() throws Exception {
        Map<String, String> rootProperties = properties(read("pom.xml"));
        Map<String, Set<String>> versions = new TreeMap<>();
        for (String pom : POMS) {
            Document document = read(pom);
            Map<String, String> properties = new HashMap<>(rootProperties);
            if (!pom.equals("functions/pom.xml")) {
                properties.putAll(properties(document)); // a child sees its parent's properties
            } else {
                properties = properties(document);
            }
            for (String tag : List.of("dependency", "plugin", "artifactItem")) {
                NodeList nodes = document.getElementsByTagName(tag);
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element element = (Element) nodes.item(i);
                    String version = child(element, "version");
                    if (version != null && !version.contains("project.version")) {
                        String group = child(element, "groupId");
                        String id = (group == null ? "org.apache.maven.plugins" : group) + ":" + child(element, "artifactId");
                        versions.computeIfAbsent(id, k -> new TreeSet<>()).add(resolve(version, properties, pom));
                    }
                }
            }
        }
        assertThat(versions).as("artifacts and plugins with more than one version")
                .allSatisfy((id, found) -> assertThat(found).as(id).hasSize(1));
        assertThat(versions).containsKeys("software.amazon.awssdk:bom", "org.apache.maven.plugins:maven-compiler-plugin");
    }

    @Test
    void propertiesOfTheSameName_agree_betweenTheRootAndTheFunctions() throws Exception {
        Map<String, String> root = properties(read("pom.xml"));
        Map<String, String> functions = properties(read("functions/pom.xml"));
        Set<String> shared = new TreeSet<>(root.keySet());
        shared.retainAll(functions.keySet());

        assertThat(shared).contains("aws.sdk.version", "jackson.version", "junit.version", "surefire.version");
        for (String name : shared) {
            assertThat(functions.get(name)).as(name).isEqualTo(root.get(name));
        }
    }

    private static String resolve(String version, Map<String, String> properties, String pom) {
        Matcher m = PROPERTY.matcher(version);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String value = properties.get(m.group(1));
            assertThat(value).as(pom + " names an undefined property " + m.group()).isNotNull();
            m.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        return m.appendTail(resolved).toString();
    }

    private static Map<String, String> properties(Document document) {
        Map<String, String> properties = new HashMap<>();
        NodeList blocks = document.getDocumentElement().getElementsByTagName("properties");
        for (int b = 0; b < blocks.getLength(); b++) {
            NodeList children = blocks.item(b).getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e) {
                    properties.putIfAbsent(e.getTagName(), e.getTextContent().strip());
                }
            }
        }
        return properties;
    }

    private static String child(Element element, String tag) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    private static Document read(String pom) throws Exception {
        Path file = ROOT.resolve(pom);
        assertThat(file).exists();
        try (var in = Files.newInputStream(file)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }
}
