using System.Text.Json;
using MlNetResNet.Pipelines.Synthetic;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Demo;

/// <summary><c>train</c> as a user runs it, on a tiny set (one epoch of 32-px crops: seconds).</summary>
public class TrainCommandTests
{
    [Fact]
    public void TrainReportsUnreadableImagesGoesOnAndWritesModelAndMetrics()
    {
        using var temp = new TempFolder();
        SyntheticFlowerGenerator.Generate(temp.File("data"), new SyntheticFlowerOptions { TrainPerClass = 3, ValidationPerClass = 1, ImageSize = 36 });
        string broken = temp.File("data/train/roses/broken.jpg");
        File.WriteAllText(broken, "not an image");

        var (exitCode, stdout, stderr) = DemoProcess.Run(temp.Path, "train", "--data", "data", "--epochs", "1", "--image-size", "32",
            "--batch-size", "8", "--pretrained", "none", "--output", "out/model.zip", "--metrics-json", "out/metrics.json");

        Assert.True(exitCode == 0, stderr + stdout);
        Assert.Contains(broken, stdout);
        Assert.DoesNotContain("\u001b[", stdout);
        Assert.True(File.Exists(temp.File("out/model.zip")));
        Assert.True(File.Exists(temp.File("out/class_indices.json")));
        using var metrics = JsonDocument.Parse(File.ReadAllText(temp.File("out/metrics.json")));
        var root = metrics.RootElement;
        foreach (string key in new[] { "microAccuracy", "macroAccuracy", "logLoss", "perClass", "bestEpoch", "trainImagesPerSecond", "evalImagesPerSecond", "epochs" })
            Assert.True(root.TryGetProperty(key, out _), key);
        Assert.Equal(1, root.GetProperty("bestEpoch").GetInt32());
        Assert.Equal(5, root.GetProperty("perClass").EnumerateObject().Count());
        Assert.Equal(1, root.GetProperty("epochs").GetArrayLength());
        Assert.Empty(Directory.GetFiles(temp.File("out"), "*.tmp*"));
        // The Auto choices, resolved once: in the log and under "resolved" in the metrics.
        var resolved = root.GetProperty("resolved");
        Assert.Equal("Cpu", resolved.GetProperty("device").GetString());
        Assert.Equal("Float32", resolved.GetProperty("precision").GetString());
        Assert.Equal("ChannelsFirst", resolved.GetProperty("layout").GetString());
        Assert.True(resolved.GetProperty("intraOpThreads").GetInt32() >= 1);
        Assert.True(resolved.GetProperty("dataWorkers").GetInt32() >= 1);
        Assert.Single(stdout.Split('\n'), line => line.StartsWith("resolved: device Cpu, precision Float32, layout ChannelsFirst", StringComparison.Ordinal));
        // The saved model carries its training summary.
        var summary = TrainingSummaryEntry.Read(temp.File("out/model.zip"));
        Assert.Equal(SyntheticFlowerOptions.ClassNames, summary.ClassNames);
        Assert.Single(summary.History);

        var (evalCode, evalOut, evalErr) = DemoProcess.Run(temp.Path, "evaluate", "--model", "out/model.zip", "--data", "data",
            "--metrics-json", "out/eval.json");
        Assert.True(evalCode == 0, evalErr + evalOut);
        using var evaluation = JsonDocument.Parse(File.ReadAllText(temp.File("out/eval.json")));
        Assert.Equal(root.GetProperty("microAccuracy").GetDouble(), evaluation.RootElement.GetProperty("microAccuracy").GetDouble());
        Assert.Equal(root.GetProperty("logLoss").GetDouble(), evaluation.RootElement.GetProperty("logLoss").GetDouble(), 1e-5);
        Assert.Equal(JsonValueKind.Null, evaluation.RootElement.GetProperty("resolved").ValueKind);

        string image = temp.File("data/val/tulips/tulips_0000.jpg");
        var (predictCode, predictOut, predictErr) = DemoProcess.Run(temp.Path, "predict", "--model", "out/model.zip", image, "--top", "2");
        Assert.True(predictCode == 0, predictErr + predictOut);
        foreach (string name in SyntheticFlowerOptions.ClassNames) Assert.Contains(name, predictOut);
        Assert.Contains("sum 1.0000", predictOut);
    }
}
