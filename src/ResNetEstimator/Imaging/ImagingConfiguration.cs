using SixLabors.ImageSharp;

namespace MlNetResNet;

/// <summary>The ImageSharp configuration every decode and transform here runs with.</summary>
internal static class ImagingConfiguration
{
    /// <summary>
    /// Single-threaded per image: the batch pipeline already spreads images over threads, and nested
    /// parallelism inside each resize would only fight libtorch for the same cores.
    /// </summary>
    public static Configuration SingleThreaded { get; } = CreateSingleThreaded();

    private static Configuration CreateSingleThreaded()
    {
        var configuration = Configuration.Default.Clone();
        configuration.MaxDegreeOfParallelism = 1;
        return configuration;
    }
}
