package dev.kubestate.exporter.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Assumptions;

/** The image the tests run, and the skip when the engine does not hold it. */
final class Images {

  private Images() {}

  /**
   * The image under test, {@code kube-state-exporter:<project version>} as the image-docker profile
   * tags it (failsafe passes it as {@code image.under.test}); aborts the test without it.
   */
  static String underTest() {
    String image = System.getProperty("image.under.test");
    Assumptions.assumeTrue(
        image != null && !image.isEmpty(), "no image.under.test property: run through failsafe");
    return image;
  }

  /** The project version the image should carry (failsafe passes it). */
  static String projectVersion() {
    String version = System.getProperty("project.version");
    Assumptions.assumeTrue(version != null, "no project.version property: run through failsafe");
    return version;
  }

  /**
   * The engine's record of {@code image}; aborts the test, saying how to build it, when the engine
   * does not hold it.
   */
  static InspectImageResponse inspect(DockerClient docker, String image) {
    try {
      return docker.inspectImageCmd(image).exec();
    } catch (NotFoundException e) {
      Assumptions.abort(
          "the Docker engine holds no image "
              + image
              + "; build it with ./mvnw -B -pl exporter -am package -DskipTests -Pimage-docker"
              + " (offline, onto a local base: -Dimage.base=docker://NAME:TAG, as .ci/run does)");
      throw e;
    }
  }
}
