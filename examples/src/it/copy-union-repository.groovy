// Copies examples/union-repository (without its build output) into the test's folder: each test builds the
// example as it is shipped, changed only where the test says so.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

Path from = new File(unionRepository).toPath()
Path into = basedir.toPath()
Files.walk(from).withCloseable { paths ->
    paths.filter { p -> !from.relativize(p).toString().matches('(target|build\\.log)(/.*)?') }.forEach { p ->
        Path to = into.resolve(from.relativize(p).toString())
        if (Files.isDirectory(p)) {
            Files.createDirectories(to)
        } else {
            Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING)
        }
    }
}
