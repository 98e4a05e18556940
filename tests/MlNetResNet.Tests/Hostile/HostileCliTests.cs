using Xunit.Abstractions;
using System.Diagnostics;
using MlNetResNet.Pipelines.Synthetic;
using MlNetResNet.Tests.Demo;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Hostile;

/// <summary>
/// The demo CLI on a synthetic flower folder salted with the whole hostile corpus: <c>train</c> finishes and names every
/// file, <c>evaluate</c> leaves each out by name, <c>predict</c> prints one line naming each and exits non-zero.
/// </summary>
public class HostileCliTests(ITestOutputHelper output)
{
    // Extensions the folder scanner reads; corpus files with others (.tiff, .tga, .ppm) get .png appended, which the
    // guard sees through: it goes by the first bytes, never the name.
    private static readonly string[] ScannedExtensions = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp"];

    [Fact]
    public void Train_evaluate_and_predict_refuse_every_hostile_file_by_name()
    {
        using var temp = new TempFolder("hostile-cli");
        SyntheticFlowerGenerator.Generate(temp.File("data"), new SyntheticFlowerOptions { TrainPerClass = 3, ValidationPerClass = 1, ImageSize = 36 });
        var cases = HostileCorpus.Write(temp.File("corpus"));
        var trainCopies = Salt(cases, temp.File("data/train/roses"));
        var validationCopies = Salt(cases, temp.File("data/val/tulips"));

        var (trainCode, trainOut, trainErr) = DemoProcess.Run(temp.Path, "train", "--data", "data", "--epochs", "1", "--image-size", "32",
            "--batch-size", "8", "--pretrained", "none", "--output", "out/model.zip");
        Assert.True(trainCode == 0, trainErr + trainOut);
        string trainText = Unwrapped(trainOut);
        for (int i = 0; i < cases.Count; i++)
            foreach (string copy in new[] { trainCopies[i], validationCopies[i] })
                Assert.Contains(cases[i].ExpectedProblem, ReasonAfter(trainText, copy));
        Assert.True(File.Exists(temp.File("out/model.zip")));

        var (evalCode, evalOut, evalErr) = DemoProcess.Run(temp.Path, "evaluate", "--model", "out/model.zip", "--data", "data");
        Assert.True(evalCode == 0, evalErr + evalOut);
        string evalText = Unwrapped(evalOut);
        foreach (string copy in validationCopies)
            Assert.Contains($"left out refused image {copy}: ", evalText);

        foreach (var (hostile, copy) in cases.Zip(trainCopies))
        {
            var run = RunMeasured(temp.Path, "predict", "--model", "out/model.zip", copy);
            Assert.Equal(1, run.ExitCode);
            string line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: Image '{copy}' refused: ", line);
            Assert.Contains(hostile.ExpectedProblem, line);
            Assert.Equal("", run.Stdout.Trim());
            // The whole process (start-up included) stays far below the budget; the refusal itself is measured
            // in-process by the guard and decoder tests.
            Assert.True(run.PeakResidentBytes < RefusalBudget.MaxBytes, $"predict {hostile.Name}: peak RSS {run.PeakResidentBytes / 1e6:F0} MB");
            Assert.True(run.Elapsed < TimeSpan.FromSeconds(20), $"predict {hostile.Name}: {run.Elapsed.TotalSeconds:F1} s");
            output.WriteLine($"predict {hostile.Name}: exit {run.ExitCode}, {run.Elapsed.TotalSeconds:F2} s, peak RSS {run.PeakResidentBytes / 1e6:F0} MB");
        }
    }

    // The terminal wraps long warnings at spaces; one space per run of white space undoes that.
    private static string Unwrapped(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");

    private static string ReasonAfter(string text, string path)
    {
        int at = text.IndexOf(path + ": ", StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{path}' is not named in: {text}");
        int end = text.IndexOf(" /", at + path.Length, StringComparison.Ordinal);
        return text[(at + path.Length)..(end < 0 ? text.Length : end)];
    }

    private static List<string> Salt(IReadOnlyList<HostileCase> cases, string classFolder)
    {
        var copies = new List<string>();
        foreach (var hostile in cases)
        {
            string name = ScannedExtensions.Any(e => hostile.Name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ? hostile.Name : hostile.Name + ".png";
            string copy = Path.Combine(classFolder, "hostile-" + name);
            File.Copy(hostile.Path, copy);
            copies.Add(copy);
        }
        return copies;
    }

    private sealed record MeasuredRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, long PeakResidentBytes);

    // Like DemoProcess.Run, and samples the child's peak resident set (VmHWM) until it exits.
    private static MeasuredRun RunMeasured(string workingDirectory, params string[] args)
    {
        var watch = Stopwatch.StartNew();
        using var process = DemoProcess.Start(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(TimeSpan.FromMilliseconds(20)))
        {
            peak = Math.Max(peak, PeakResident(process.Id));
            if (watch.Elapsed > TimeSpan.FromMinutes(1))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"mlnet-resnet {string.Join(' ', args)} ran longer than a minute.");
            }
        }
        return new MeasuredRun(process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed, peak);
    }

    private static long PeakResident(int processId)
    {
        try
        {
            string? line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return 0; // exited between the check and the read
        }
    }
}
