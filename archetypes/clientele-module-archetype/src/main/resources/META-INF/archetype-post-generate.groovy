// Runs after the files are generated: without -DintegrationProvider=true the provider bundle is not wanted, and the
// generator writes every module of the descriptor. Removes its folder and its <module> line.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

Path root = Paths.get(request.outputDirectory, request.artifactId)
Properties props = request.properties
if (props.getProperty('integrationProvider') != 'true') {
    String module = props.getProperty('package') + '.provider'
    File provider = root.resolve(module).toFile()
    if (provider.exists()) {
        provider.deleteDir()
    }
    Path pom = root.resolve('pom.xml')
    String text = new String(Files.readAllBytes(pom), 'UTF-8')
    Files.write(pom, text.replace('    <module>' + module + '</module>\n', '').getBytes('UTF-8'))
}
