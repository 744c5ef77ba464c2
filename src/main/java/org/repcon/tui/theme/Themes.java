package org.repcon.tui.theme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.repcon.util.RepconException;
import org.repcon.util.Suggest;
import org.repcon.util.UserFile;

/**
 * The themes a user can pick: those bundled in the jar (the repo's {@code themes/} directory) and
 * their own in {@code $XDG_CONFIG_HOME/repcon/themes}, which win over a bundled one of the same name.
 */
public final class Themes {

    public static final String DEFAULT = "dark";
    public static final String MONO = "mono";
    private static final String SUFFIX = ".yaml";
    /** The suffix of the line format themes had before YAML: such a file is named, not skipped silently. */
    private static final String OLD_SUFFIX = ".theme";
    private static final String BUNDLED = "themes/";

    private final Path userDir;

    /** @param userDir the user's theme directory; it need not exist */
    public Themes(Path userDir) {
        this.userDir = userDir;
    }

    /** Every theme name, bundled ones first, each once. */
    public List<String> names() {
        List<String> names = new ArrayList<>(bundledNames());
        for (String user : userNames()) {
            if (!names.contains(user)) names.add(user);
        }
        return names;
    }

    public Theme load(String name) {
        Path user = userDir.resolve(name + SUFFIX);
        if (Files.isRegularFile(user)) {
            return ThemeFile.parse(name, user.toString(), UserFile.read(user, StandardCharsets.UTF_8, ThemeFile.MAX_CHARS * 4L));
        }
        try (InputStream in = Themes.class.getClassLoader().getResourceAsStream(BUNDLED + name + SUFFIX)) {
            if (in == null) throw unknown(name);
            return ThemeFile.parse(name, name + SUFFIX, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RepconException unknown(String name) {
        Path old = userDir.resolve(name + OLD_SUFFIX);
        if (Files.isRegularFile(old)) {
            return RepconException.invalid(old + ": themes are YAML files now: write it as " + userDir.resolve(name + SUFFIX)
                    + ", one 'role: \"colour [attributes]\"' a line (as in the bundled dark.yaml)");
        }
        return RepconException.invalid("unknown theme '" + name + "'" + Suggest.hint(name, names())
                + "; themes: " + String.join(", ", names()));
    }

    private List<String> userNames() {
        if (!Files.isDirectory(userDir)) return List.of();
        try (Stream<Path> files = Files.list(userDir)) {
            return themeNames(files);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Lists the bundled directory, whether the classes run from target/classes or from the jar. */
    private static List<String> bundledNames() {
        URL url = Themes.class.getClassLoader().getResource(BUNDLED + DEFAULT + SUFFIX);
        if (url == null) return List.of();
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                try (Stream<Path> files = Files.list(fs.getPath(BUNDLED))) {
                    return themeNames(files);
                }
            }
            try (Stream<Path> files = Files.list(Path.of(uri).getParent())) {
                return themeNames(files);
            }
        } catch (IOException | URISyntaxException e) {
            return List.of(DEFAULT);
        }
    }

    private static List<String> themeNames(Stream<Path> files) {
        TreeSet<String> names = new TreeSet<>();
        files.map(p -> p.getFileName().toString())
                .filter(f -> f.endsWith(SUFFIX))
                .forEach(f -> names.add(f.substring(0, f.length() - SUFFIX.length())));
        return List.copyOf(names);
    }
}
