namespace MlNetResNet.Demo.Runs;

/// <summary>Where the story reads and writes, relative to the current directory (never the build folder).</summary>
internal static class DemoPaths
{
    public static string FlowerData => Path.GetFullPath(Path.Combine("data_set", "flower_data"));

    public static string Output => Path.GetFullPath("out");

    public static string Model => Path.Combine(Output, "model.zip");

    public static string Metrics => Path.Combine(Output, "metrics.json");

    public static string TrainingCurves => Path.Combine(Output, "training_curves.png");

    public static string Predictions => Path.Combine(Output, "predictions");

    public static string ReliabilityDiagram => Path.Combine(Output, "reliability_diagram.png");

    /// <summary>Checkpoints of a training run writing <paramref name="model"/>: a folder next to it.</summary>
    public static string CheckpointsFor(string model) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(model))!, Path.GetFileNameWithoutExtension(model) + ".checkpoints");
}
