using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace MlNetResNet.Tests.MlNet;

/// <summary>What tests/ModelConsumer (an app referencing only ML.NET packages) reported about a model.zip.</summary>
public sealed record ConsumerPrediction(float[] Score, uint PredictedLabel);

/// <summary>The consumer's result file.</summary>
public sealed record ConsumerResult(
    string ModelType, List<string> Columns, List<string> ScoreSlotNames, List<string> PredictedLabelKeyValues,
    List<ConsumerPrediction> Transform, List<ConsumerPrediction> PredictionEngine, double MicroAccuracy, string ConfusionTable);

/// <summary>Runs tests/ModelConsumer in its own process.</summary>
public static class ModelConsumerProcess
{
    /// <summary>The consumer's build output (built with the tests through a non-referencing project reference).</summary>
    public static string OutputFolder
    {
        get
        {
            string configuration = typeof(ModelConsumerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            return Path.Combine(RepoRoot(), "tests", "ModelConsumer", "bin", configuration, "net10.0");
        }
    }

    public static ConsumerResult Run(string modelPath, IEnumerable<ShapeRow> rows, string workFolder,
        string scoreColumnName = "Score", string predictedLabelColumnName = "PredictedLabel")
    {
        string tsv = Path.Combine(workFolder, "consumer-input.tsv");
        File.WriteAllLines(tsv, rows.Select(r => $"{r.ImagePath}\t{r.Label}").Prepend("ImagePath\tLabel"));
        string result = Path.Combine(workFolder, "consumer-result.json");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(OutputFolder, "ModelConsumer.dll"), modelPath, tsv, result, scoreColumnName, predictedLabelColumnName })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "ModelConsumer timed out");
        Assert.True(process.ExitCode == 0, $"ModelConsumer failed ({process.ExitCode}):\n{stdout}\n{stderr.Result}");
        return JsonSerializer.Deserialize<ConsumerResult>(File.ReadAllText(result))!;
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlNetResNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("MlNetResNet.sln not found above the test folder.");
    }
}
