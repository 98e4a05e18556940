using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Synthetic;
using MlNetResNet.Tests.Support;
using Xunit.Abstractions;
using MlNetResNet.Training;

namespace MlNetResNet.Tests.Demo;

/// <summary>
/// <c>train</c> killed with SIGKILL, or stopped by a full disk, as a separate process: the files it leaves are complete
/// or absent, and <c>train --resume</c> ends where the uninterrupted run ends, bit for bit (same CPU, same threads).
/// Tiny run: 25 generated 36-px images, ResNet-18 from scratch at 32 px, 3 epochs (about 5 s on two cores).
/// </summary>
public sealed class TrainCrashSafetyTests(ITestOutputHelper output)
{
    private const int Kills = 20;
    private const int Epochs = 3;

    [Fact]
    public void TrainKilledAtTwentyRandomMomentsLeavesLoadableFilesAndResumesToTheUninterruptedWeights()
    {
        using var temp = new TempFolder();
        GenerateImages(temp.File("data"));
        string childTemp = Directory.CreateDirectory(temp.File("tmp")).FullName;
        var watch = Stopwatch.StartNew();
        var (exitCode, stdout, stderr) = DemoProcess.Run(temp.Path, TrainArgs(temp.File("reference"), resume: false));
        Assert.True(exitCode == 0, stderr + stdout);
        double runSeconds = watch.Elapsed.TotalSeconds;
        var expected = RunOutcome.Read(temp.File("reference"), ValidationImages(temp));

        // Kill moments are uniform over a whole run's duration, so they land in startup, epochs, checkpoint writes and
        // the model save in proportion to the time each takes. A killed run is resumed (and may be killed again)
        // until one run completes; that chain's result must equal the uninterrupted one.
        var random = new Random(20261129);
        var phases = new SortedDictionary<string, int>();
        int kills = 0;
        for (int chain = 0; kills < Kills; chain++)
        {
            string run = temp.File($"run-{chain}");
            bool resume = false, completed = false;
            while (kills < Kills)
            {
                var killAfter = TimeSpan.FromSeconds(random.NextDouble() * runSeconds);
                var started = DateTime.UtcNow;
                var attempt = DemoProcess.RunKillingAfter(temp.Path, killAfter, childTemp, TrainArgs(run, resume));
                if (!attempt.Killed)
                {
                    Assert.True(attempt.ExitCode == 0, attempt.Stderr + attempt.Stdout);
                    completed = true;
                    break;
                }
                kills++;
                string phase = PhaseOf(run, attempt.Stdout, started);
                phases[phase] = phases.GetValueOrDefault(phase) + 1;
                output.WriteLine($"kill {kills,2}: run {chain}{(resume ? " (resumed)" : "")} killed after {killAfter.TotalSeconds:F2} s, {phase}");
                AssertModelAbsentOrLoadable(run, ValidationImages(temp)[0]);
                // Every committed file matches its marker (this reads, it does not clean up: the next start does that).
                CheckpointStore.ReadNewest(Checkpoints(run));
                resume = true;
            }
            // Files a killed process leaves are cleaned by the next start, so a chain that ended with a kill gets one more
            // run, even when metrics.json exists: a kill after the outputs were written, then a kill of the resumed run
            // while it saved model.zip again, leaves a complete run folder plus that save's temporary file.
            if (!completed)
            {
                // A kill early in startup can come before the run folder exists.
                var leftovers = Directory.Exists(run) ? Directory.GetFiles(run, ".model.*.tmp.zip") : [];
                var finish = DemoProcess.RunKillingAfter(temp.Path, TimeSpan.FromMinutes(2), childTemp, TrainArgs(run, resume: true));
                Assert.True(finish is { Killed: false, ExitCode: 0 }, finish.Stderr + finish.Stdout);
                Assert.All(leftovers, file => Assert.False(File.Exists(file), $"{file} survived the next start"));
                if (leftovers.Length > 0) output.WriteLine($"run {chain}: the finishing run removed {leftovers.Length} temporary model.zip file(s)");
            }
            AssertSameOutcome(expected, RunOutcome.Read(run, ValidationImages(temp)), run);
            // The network file of the scoring chain that killed processes left in their temp folder is swept by the next
            // run; the completing run deletes its own. (The runtime's own diagnostic sockets of killed processes stay.)
            Assert.Empty(Directory.GetFiles(childTemp, "mlnetresnet-*"));
            Directory.Delete(run, recursive: true);
        }
        output.WriteLine($"uninterrupted run {runSeconds:F1} s; kills by phase: {string.Join(", ", phases.Select(p => $"{p.Key} {p.Value}"))}");
    }

    [TmpfsFact]
    public void TrainOnADiskThatFillsUpStopsWithOneClearErrorKeepsThePreviousFilesAndResumesOnceThereIsSpace()
    {
        using var temp = new TempFolder();
        GenerateImages(temp.File("data"));
        // The sizes of one epoch's checkpoints, measured: best weights B (about 45 MB for this ResNet-18), the epoch's
        // checkpoint E (weights and Adam's two moments, about 135 MB).
        var (best, epoch) = MeasureCheckpointSizes(temp);
        Assert.True(epoch > best, $"an epoch checkpoint ({epoch} bytes) should outweigh the best weights ({best} bytes)");
        // Epoch 1 commits B + E. Epoch 2 writes best weights B when its validation improves (that depends on the
        // decoded pixels of a tiny validation set, so it is not assumed), then its checkpoint E, and only then deletes
        // epoch 1. A disk between 2B + E and B + 2E takes epoch 2's best weights but never its checkpoint: in the middle.
        long size = 2 * best + epoch + (epoch - best) / 2;
        using var disk = new TmpfsMount(size);
        string run = disk.File("run");

        var (exitCode, stdout, stderr) = DemoProcess.Run(temp.Path, TrainArgs(run, resume: false, epochs: 2));

        Assert.True(exitCode == 1, stderr + stdout);
        var errorLine = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"error: Not enough disk space to write '{Path.Combine(Checkpoints(run), "epoch-0002")}'", errorLine);
        Assert.Contains("--resume", errorLine);
        var kept = CheckpointStore.ReadNewest(Checkpoints(run));
        Assert.Equal(1, kept!.Value.State.Epoch);
        Assert.DoesNotContain(Directory.GetDirectories(Checkpoints(run)), folder => !CheckpointStore.IsCommitted(folder));
        Assert.False(File.Exists(Path.Combine(run, "model.zip")));
        output.WriteLine($"best weights {best / 1e6:F1} MB, epoch checkpoint {epoch / 1e6:F1} MB, disk {size / 1e6:F1} MB; " +
            $"epoch 2 {(Directory.Exists(Path.Combine(Checkpoints(run), "best-0002")) ? "improved" : "did not improve")} validation");

        // Room for both epochs' checkpoints and a model.zip being replaced.
        disk.Resize(3 * (best + epoch));
        var resumed = DemoProcess.Run(temp.Path, TrainArgs(run, resume: true, epochs: 2));

        Assert.True(resumed.ExitCode == 0, resumed.Stderr + resumed.Stdout);
        Assert.Contains("epoch 2/2:", resumed.Stdout);
        Assert.DoesNotContain("epoch 1/2:", resumed.Stdout);
        Assert.Equal(2, CheckpointStore.ReadNewest(Checkpoints(run))!.Value.State.Epoch);
        AssertModelAbsentOrLoadable(run, ValidationImages(temp)[0]);

        // Now the disk fills up while model.zip is replaced (a finished run resumed: no epoch left, the model is saved again).
        string model = Path.Combine(run, "model.zip");
        byte[] previousModel = File.ReadAllBytes(model);
        using (var filler = File.Create(disk.File("filler")))
        {
            // Written, not SetLength: a sparse file takes no space on tmpfs.
            var chunk = new byte[1 << 20];
            for (long left = new DriveInfo(disk.Path).AvailableFreeSpace - (8L << 20); left > 0; left -= chunk.Length)
                filler.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
        }
        var full = DemoProcess.Run(temp.Path, TrainArgs(run, resume: true, epochs: 2));

        Assert.True(full.ExitCode == 1, full.Stderr + full.Stdout);
        errorLine = Assert.Single(full.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"error: Not enough disk space to write '{model}'", errorLine);
        Assert.True(previousModel.AsSpan().SequenceEqual(File.ReadAllBytes(model)), "model.zip changed");
        Assert.Empty(Directory.GetFiles(run, ".model.*"));
    }

    // A one-epoch run on the ordinary disk: the committed sizes of its best weights and of its epoch checkpoint.
    private static (long Best, long Epoch) MeasureCheckpointSizes(TempFolder temp)
    {
        string run = temp.File("sizes");
        var (exitCode, stdout, stderr) = DemoProcess.Run(temp.Path, TrainArgs(run, resume: false, epochs: 1));
        Assert.True(exitCode == 0, stderr + stdout);
        long SizeOf(string folder) => Directory.GetFiles(Path.Combine(Checkpoints(run), folder)).Sum(file => new FileInfo(file).Length);
        var sizes = (SizeOf("best-0001"), SizeOf("epoch-0001"));
        Directory.Delete(run, recursive: true);
        return sizes;
    }

    private static string[] TrainArgs(string run, bool resume, int epochs = Epochs)
    {
        string[] args = ["train", "--data", "data", "--epochs", epochs.ToString(), "--image-size", "32", "--batch-size", "8",
            "--pretrained", "none", "--output", Path.Combine(run, "model.zip"), "--metrics-json", Path.Combine(run, "metrics.json")];
        return resume ? [.. args, "--resume"] : args;
    }

    private static void GenerateImages(string folder) =>
        SyntheticFlowerGenerator.Generate(folder, new SyntheticFlowerOptions { TrainPerClass = 4, ValidationPerClass = 1, ImageSize = 36 });

    private static string[] ValidationImages(TempFolder temp) =>
        Directory.GetFiles(temp.File("data/val"), "*.jpg", SearchOption.AllDirectories).Order().ToArray();

    private static string Checkpoints(string run) => Path.Combine(run, "model.checkpoints");

    // Read from what the killed process left on disk, before the next start cleans it. Only files and folders it
    // touched count (a start may be killed before it has removed the previous kill's leftovers); file times lag the
    // clock by up to a timer tick, hence the small allowance.
    private static string PhaseOf(string run, string stdout, DateTime startedUtc)
    {
        bool Touched(FileSystemInfo entry) => entry.LastWriteTimeUtc >= startedUtc - TimeSpan.FromMilliseconds(20);
        var folder = new DirectoryInfo(run);
        var checkpoints = new DirectoryInfo(Checkpoints(run));
        if (folder.Exists && folder.EnumerateFiles(".model.*.tmp.zip").Any(Touched)) return "writing model.zip";
        if (folder.Exists && folder.EnumerateFiles("model.zip").Any(Touched)) return "after model.zip was saved";
        var touched = checkpoints.Exists ? checkpoints.EnumerateDirectories().Where(Touched).ToList() : [];
        if (touched.Any(d => !d.Name.StartsWith('.') && !CheckpointStore.IsCommitted(d.FullName))) return "writing a checkpoint";
        if (touched.Any(d => d.Name.StartsWith(".discarded-"))) return "deleting an older checkpoint";
        if (stdout.Contains("Evaluation on")) return "printing the evaluation";
        if (Regex.IsMatch(stdout, $@"epoch {Epochs}/{Epochs}:")) return "evaluating the trained model";
        if (Regex.IsMatch(stdout, @"batch \d+/")) return "training or validating an epoch";
        return "startup (before the first batch ended)";
    }

    private static void AssertModelAbsentOrLoadable(string run, string image)
    {
        string model = Path.Combine(run, "model.zip");
        if (!File.Exists(model)) return;
        using var loaded = ImageClassifierModel.Load(new MLContext(seed: 1), model);
        var prediction = Assert.Single(loaded.Predict([image]));
        Assert.Equal(1.0, prediction.Probabilities.Sum(), 4);
    }

    private static void AssertSameOutcome(RunOutcome expected, RunOutcome actual, string run)
    {
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.CheckpointFolders, actual.CheckpointFolders);
        foreach (var (name, bytes) in expected.CheckpointFiles)
            Assert.True(bytes.AsSpan().SequenceEqual(actual.CheckpointFiles[name]), $"{name} of {run} differs from the uninterrupted run's");
        Assert.Equal(expected.Probabilities, actual.Probabilities);
        // Nothing left over: the outputs and the two checkpoints.
        Assert.Equal(["class_indices.json", "metrics.json", "model.checkpoints", "model.zip"],
            Directory.GetFileSystemEntries(run).Select(Path.GetFileName).Order());
    }

    /// <summary>What a finished run leaves that must repeat exactly: history, checkpoint bytes, model.zip's probabilities.</summary>
    private sealed record RunOutcome(
        IReadOnlyList<string> History, IReadOnlyList<string> CheckpointFolders, Dictionary<string, byte[]> CheckpointFiles,
        IReadOnlyList<string> Probabilities)
    {
        public static RunOutcome Read(string run, IReadOnlyList<string> images)
        {
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
            var history = metrics.RootElement.GetProperty("epochs").EnumerateArray()
                .Select(e => string.Join(' ', new[] { "epoch", "trainLoss", "valLoss", "valAccuracy", "learningRate" }
                    .Select(key => e.GetProperty(key).GetRawText())))
                .ToList();
            var folders = Directory.GetFileSystemEntries(Checkpoints(run)).Select(Path.GetFileName).Order().ToList();
            var files = Directory.GetFiles(Checkpoints(run), "*", SearchOption.AllDirectories)
                // The state and the marker (which hashes it) also hold each epoch's timings; the history is compared above.
                .Where(path => Path.GetFileName(path) is not (CheckpointStore.CommitMarker or CheckpointStore.StateFile))
                .ToDictionary(path => Path.GetRelativePath(Checkpoints(run), path), File.ReadAllBytes);
            using var model = ImageClassifierModel.Load(new MLContext(seed: 1), Path.Combine(run, "model.zip"));
            // Round-trip formatting ("R") keeps every bit of each double.
            var probabilities = model.Predict(images).Select(p => string.Join(' ', p.Probabilities.Select(x => x.ToString("R")))).ToList();
            return new RunOutcome(history, folders!, files, probabilities);
        }
    }
}
