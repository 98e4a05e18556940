using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using MlNetResNet.Tests.MlNet;
using MlNetResNet.Pipelines.Synthetic;
using MlNetResNet.Tests.Support;
using SixLabors.ImageSharp;

namespace MlNetResNet.Tests.Demo;

/// <summary>
/// The three commands as a user runs them on a tiny set (32 px, one epoch): <c>evaluate --report</c>,
/// <c>predict --explain</c>, and <c>train --pretrained model.zip</c> with a class the saved model lacks.
/// </summary>
public sealed class TrainOnExplainReportCommandTests
{
    [Fact]
    public void EvaluateReportPredictExplainAndTrainOnFromTheSavedModelWriteTheirFiles()
    {
        using var temp = new TempFolder();
        SyntheticFlowerGenerator.Generate(temp.File("data"), new SyntheticFlowerOptions { TrainPerClass = 3, ValidationPerClass = 2, ImageSize = 36 });
        // The first model never sees tulips.
        Directory.Move(temp.File("data/train/tulips"), temp.File("tulips-train"));
        Directory.Move(temp.File("data/val/tulips"), temp.File("tulips-val"));
        Run(temp, "train", "--data", "data", "--epochs", "1", "--image-size", "32", "--batch-size", "4", "--pretrained", "none",
            "--output", "out/model.zip");

        Run(temp, "evaluate", "--model", "out/model.zip", "--data", "data", "--report", "out/report");
        using (var report = JsonDocument.Parse(File.ReadAllText(temp.File("out/report/interpretation.json"))))
        {
            var root = report.RootElement;
            Assert.Equal(8, root.GetProperty("images").GetInt32());
            var losses = root.GetProperty("topLosses").EnumerateArray().Select(row => row.GetProperty("loss").GetDouble()).ToList();
            Assert.Equal(8, losses.Count);
            Assert.Equal(losses.OrderByDescending(loss => loss), losses);
            int confused = root.GetProperty("mostConfused").EnumerateArray().Sum(pair => pair.GetProperty("count").GetInt32());
            int wrong = root.GetProperty("topLosses").EnumerateArray()
                .Count(row => row.GetProperty("actual").GetString() != row.GetProperty("predicted").GetString());
            Assert.Equal(wrong, confused);
        }
        foreach (string sheet in new[] { "top_losses.png", "most_confused.png" })
        {
            using var image = Image.Load(temp.File(Path.Combine("out/report", sheet)));
            Assert.True(image.Width > 100 && image.Height > 40, sheet);
        }

        string daisy = temp.File("data/val/daisy/daisy_0000.jpg");
        var predicted = Run(temp, "predict", "--model", "out/model.zip", daisy, "--explain", "out/explain");
        Assert.Contains("Grad-CAM heatmap", predicted);
        using (var heatmap = Image.Load(temp.File("out/explain/daisy_0000.gradcam.png")))
            Assert.Equal(224, heatmap.Height);

        Directory.Move(temp.File("tulips-train"), temp.File("data/train/tulips"));
        Directory.Move(temp.File("tulips-val"), temp.File("data/val/tulips"));
        Run(temp, "train", "--data", "data", "--epochs", "1", "--image-size", "32", "--batch-size", "4",
            "--pretrained", "out/model.zip", "--output", "out/more.zip");
        using var grown = SavedNetwork.Load(temp.File("out/more.zip"));
        Assert.Equal(SyntheticFlowerOptions.ClassNames, grown.ClassNames);
    }

    // The demo's own build folder: its drawing/ plugin (the contact sheets) is copied there, not next to the tests.
    private static string Run(TempFolder temp, params string[] args)
    {
        string configuration = typeof(TrainOnExplainReportCommandTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string demo = Path.Combine(ModelConsumerProcess.RepoRoot(), "src", "Demo", "bin", configuration, "net10.0", "mlnet-resnet.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = temp.Path };
        start.ArgumentList.Add(demo);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), $"mlnet-resnet {string.Join(' ', args)} timed out");
        Assert.True(process.ExitCode == 0, $"mlnet-resnet {string.Join(' ', args)}: {stderr.Result}{stdout}");
        return stdout;
    }
}
