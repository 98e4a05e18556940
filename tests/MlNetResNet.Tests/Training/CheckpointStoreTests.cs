using System.Text.Json;
using MlNetResNet.Training;
using MlNetResNet;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Training;

/// <summary>The checkpoint folder's layout, commit markers, clean-up and refusal of damaged checkpoints.</summary>
public sealed class CheckpointStoreTests : IDisposable
{
    private readonly TrainingFixtures fixtures = new();

    [Fact]
    public void EveryEpochCommitsItsOwnFolderAndOnlyTheNewestAndTheBestRemain()
    {
        using var folder = new TempFolder();
        var options = TrainingFixtures.Options(epochs: 3);
        options.CheckpointDirectory = folder.Path;
        var committedAfterEpoch = new List<string[]>();
        options.MetricsCallback = _ => committedAfterEpoch.Add(Entries(folder.Path));

        var result = new ResNetTrainer(options).Train(fixtures.Shapes(24, seed: 21), fixtures.Shapes(8, seed: 22), ShapeImages.Classes);
        result.Network.Dispose();

        string best = $"best-{result.BestEpoch:D4}";
        Assert.Equal(new[] { best, "epoch-0003" }.Distinct().Order(), Entries(folder.Path));
        Assert.Equal(new[] { "epoch-0001", "best-0001" }.Order(), committedAfterEpoch[0]);
        foreach (string name in Entries(folder.Path))
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, name, "COMMITTED")));
            var listed = manifest.RootElement.GetProperty("Files").EnumerateArray().Select(file => file.GetProperty("Name").GetString()).ToList();
            // The default (modern) recipe keeps a weight average, so epoch checkpoints carry it.
            Assert.Equal(name.StartsWith("epoch") ? new[] { "weights.bin", "optimizer.bin", "weights-average.bin", "state.json" } : ["weights.bin"], listed);
            Assert.Equal(listed.Append("COMMITTED").Order(), Directory.GetFiles(Path.Combine(folder.Path, name)).Select(Path.GetFileName).Order());
        }
    }

    [Fact]
    public void ResumeRemovesWhatAKilledCheckpointWriteLeftAndContinuesExactlyFromTheCommittedOne()
    {
        using var folder = new TempFolder();
        var train = fixtures.Shapes(24, seed: 23);
        var validation = fixtures.Shapes(8, seed: 24);
        var reference = new ResNetTrainer(TrainingFixtures.Options(epochs: 2)).Train(train, validation, ShapeImages.Classes);
        reference.Network.Dispose();
        var first = TrainingFixtures.Options(epochs: 1);
        first.CheckpointDirectory = folder.Path;
        new ResNetTrainer(first).Train(train, validation, ShapeImages.Classes).Network.Dispose();

        // What a kill during epoch 2's checkpoint leaves: best weights committed, the epoch folder half written,
        // and a pruned folder half deleted.
        CopyFolder(Path.Combine(folder.Path, "best-0001"), Path.Combine(folder.Path, "best-0002"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "epoch-0002"));
        File.WriteAllBytes(Path.Combine(folder.Path, "epoch-0002", "weights.bin"), new byte[1000]);
        Directory.CreateDirectory(Path.Combine(folder.Path, ".discarded-epoch-0000-0123"));

        var resume = TrainingFixtures.Options(epochs: 2);
        resume.CheckpointDirectory = folder.Path;
        resume.Resume = true;
        var epochsRun = new List<int>();
        resume.MetricsCallback = metrics => epochsRun.Add(metrics.Epoch);
        var resumed = new ResNetTrainer(resume).Train(train, validation, ShapeImages.Classes);
        resumed.Network.Dispose();

        Assert.Equal([2], epochsRun);
        Assert.Equal(TrainingFixtures.Repeatable(reference.History), TrainingFixtures.Repeatable(resumed.History));
        Assert.Equal(new[] { $"best-{resumed.BestEpoch:D4}", "epoch-0002" }.Distinct().Order(), Entries(folder.Path));
        Assert.NotNull(CheckpointStore.ReadNewest(folder.Path));
    }

    [Fact]
    public void ResumeRefusesADamagedCommittedCheckpointNamingTheFileAndAFreshRunReplacesIt()
    {
        using var original = new TempFolder();
        var train = fixtures.Shapes(16, seed: 25);
        var validation = fixtures.Shapes(6, seed: 26);
        var first = TrainingFixtures.Options(epochs: 1);
        first.CheckpointDirectory = original.Path;
        new ResNetTrainer(first).Train(train, validation, ShapeImages.Classes).Network.Dispose();

        foreach (string file in new[] { "epoch-0001/optimizer.bin", "epoch-0001/state.json", "epoch-0001/weights.bin", "best-0001/weights.bin" })
        {
            using var folder = new TempFolder();
            foreach (string checkpoint in Directory.GetDirectories(original.Path))
                CopyFolder(checkpoint, Path.Combine(folder.Path, Path.GetFileName(checkpoint)));
            string damaged = Path.GetFullPath(folder.File(file));
            var bytes = File.ReadAllBytes(damaged);
            bytes[bytes.Length / 2] ^= 0x10;
            File.WriteAllBytes(damaged, bytes);

            var resume = TrainingFixtures.Options(epochs: 2);
            resume.CheckpointDirectory = folder.Path;
            resume.Resume = true;
            var error = Assert.Throws<InvalidDataException>(() => new ResNetTrainer(resume).Train(train, validation, ShapeImages.Classes));
            Assert.Contains(damaged, error.Message);
            Assert.Contains("damaged", error.Message);
            if (file != "best-0001/weights.bin") continue;

            first.CheckpointDirectory = folder.Path;
            new ResNetTrainer(first).Train(train, validation, ShapeImages.Classes).Network.Dispose();
            Assert.NotNull(CheckpointStore.ReadNewest(folder.Path));
        }
    }

    [Fact]
    public void ResumeRefusesTheOldUnmarkedLayoutAndAFreshStartRemovesIt()
    {
        using var folder = new TempFolder();
        foreach (string name in new[] { "last.weights", "last.optimizer", "last.json", "best.weights" })
            File.WriteAllText(folder.File(name), "old");
        var store = new CheckpointStore(folder.Path);

        var error = Assert.Throws<InvalidDataException>(() => store.Start(resume: true));
        Assert.Contains("commit markers", error.Message);
        Assert.Contains("last.json", error.Message);

        Assert.Null(store.Start(resume: false));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void AFreshRunStartsFromAnEmptyFolderAndResumeWithoutACheckpointStartsFresh()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("epoch-0007"));
        File.WriteAllText(folder.File("epoch-0007/COMMITTED"), "{}");
        Directory.CreateDirectory(folder.File("best-0002"));
        File.WriteAllText(folder.File("notes.txt"), "the user's own file");

        Assert.Null(new CheckpointStore(folder.Path).Start(resume: false));
        Assert.Equal(["notes.txt"], Entries(folder.Path));
        Assert.Null(new CheckpointStore(folder.File("missing")).Start(resume: true));
    }

    private static string[] Entries(string folder) =>
        Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order().ToArray()!;

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    public void Dispose() => fixtures.Dispose();
}
