using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MlNetResNet.Storage;
using TorchSharp;

namespace MlNetResNet.Training;

/// <summary>
/// The checkpoint folder of a training run. Every checkpoint is a folder of its own, committed by a marker written
/// last: <c>epoch-0003/</c> (<c>weights.bin</c>, <c>optimizer.bin</c>, <c>state.json</c>, <c>COMMITTED</c>) after each
/// epoch, and <c>best-0002/</c> (<c>weights.bin</c>, <c>COMMITTED</c>) whenever validation improves. The files are flushed
/// to disk before the marker, which lists their sizes and SHA-256 hashes; the marker is renamed into place and the
/// folders flushed, so a killed process or a power cut leaves either a complete checkpoint or one that is ignored and
/// removed at the next start. An older checkpoint is deleted only after a newer one is committed. Weights use
/// TorchSharp's own format.
/// </summary>
internal sealed class CheckpointStore
{
    public const string CommitMarker = "COMMITTED";
    public const string WeightsFile = "weights.bin";
    public const string OptimizerFile = "optimizer.bin";
    public const string StateFile = "state.json";
    private const string EpochPrefix = "epoch-";
    private const string BestPrefix = "best-";
    private const string DiscardedPrefix = ".discarded-";

    // The layout before commit markers (last.* and best.weights side by side): nothing says whether they are complete.
    private static readonly string[] UncommittedLayoutFiles = ["last.weights", "last.optimizer", "last.json", "best.weights"];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private string? latestFolder;

    public CheckpointStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public string EpochFolder(int epoch) => Path.Combine(Directory, EpochPrefix + epoch.ToString("D4", CultureInfo.InvariantCulture));

    public string BestFolder(int epoch) => Path.Combine(Directory, BestPrefix + epoch.ToString("D4", CultureInfo.InvariantCulture));

    /// <summary>The state file of the checkpoint <see cref="Start"/> resumed from.</summary>
    public string LatestStatePath => Path.Combine(latestFolder ?? EpochFolder(0), StateFile);

    /// <summary>
    /// Opens the folder for a run. Removes what an interrupted run left behind (checkpoint folders without a commit
    /// marker, folders half deleted). When <paramref name="resume"/> is set and a committed epoch checkpoint exists,
    /// verifies the newest one (and the best weights it refers to), deletes every other checkpoint and returns its
    /// state. Otherwise deletes every checkpoint, so that a fresh run never mixes with an older one, and returns null.
    /// </summary>
    /// <exception cref="InvalidDataException">The newest committed checkpoint is damaged, or the folder holds the old
    /// unmarked layout and <paramref name="resume"/> is set; the message names the file.</exception>
    public CheckpointState? Start(bool resume)
    {
        if (!System.IO.Directory.Exists(Directory)) return null;
        RemoveInterrupted();
        var newest = resume ? ReadNewest(Directory) : null;
        if (newest is null)
        {
            var unmarked = UncommittedLayoutFiles.Select(name => Path.Combine(Directory, name)).Where(File.Exists).ToList();
            if (resume && unmarked.Count > 0)
                throw new InvalidDataException(
                    $"Checkpoint folder '{Directory}' holds checkpoints without commit markers ({string.Join(", ", unmarked.Select(Path.GetFileName))}), " +
                    "written by an older version that could leave them half written; they cannot be resumed safely. Start a fresh run " +
                    "(without Resume / --resume), which replaces them.");
            foreach (string file in unmarked) File.Delete(file);
            foreach (string folder in CheckpointFolders()) Discard(folder);
            return null;
        }
        var (latest, state) = newest.Value;
        latestFolder = latest;
        Prune(state.Epoch, state.Progress.BestEpoch);
        return state;
    }

    /// <summary>
    /// Reads the newest committed epoch checkpoint of <paramref name="directory"/> without changing anything: checks
    /// every file of it, and of the best weights it refers to, against the commit marker. Null when there is none.
    /// </summary>
    /// <exception cref="InvalidDataException">A committed file is missing or damaged; the message names it.</exception>
    public static (string Folder, CheckpointState State)? ReadNewest(string directory)
    {
        var store = new CheckpointStore(directory);
        int? newest = NewestCommittedEpoch(store.Directory);
        if (newest is null) return null;
        string folder = store.EpochFolder(newest.Value);
        ReadManifest(folder).Verify(folder);
        var state = ReadJson<CheckpointState>(Path.Combine(folder, StateFile));
        if (state.Epoch != newest.Value)
            throw new InvalidDataException($"Checkpoint '{folder}' records epoch {state.Epoch}; its name says {newest.Value}.");
        if (state.Progress.BestEpoch > 0)
        {
            string best = store.BestFolder(state.Progress.BestEpoch);
            ReadManifest(best).Verify(best);
        }
        return (folder, state);
    }

    /// <summary>The epoch of the newest committed checkpoint in <paramref name="directory"/>, or null when there is none.</summary>
    public static int? NewestCommittedEpoch(string directory) =>
        System.IO.Directory.Exists(directory)
            ? System.IO.Directory.EnumerateDirectories(directory, EpochPrefix + "*")
                .Where(IsCommitted)
                .Select(folder => NumberOf(folder, EpochPrefix))
                .Where(epoch => epoch is not null)
                .Max()
            : null;

    public void SaveBest(ResNet network, int epoch) =>
        Commit(BestFolder(epoch), [(WeightsFile, path => SaveWeights(network, path))]);

    /// <summary>Commits the checkpoint of <see cref="CheckpointState.Epoch"/>, then deletes the ones it replaces.</summary>
    public void SaveEpoch(ResNet network, TrainingOptimizer optimizer, CheckpointState state)
    {
        string folder = EpochFolder(state.Epoch);
        Commit(folder,
        [
            (WeightsFile, path => SaveWeights(network, path)),
            (OptimizerFile, optimizer.Save),
            (StateFile, path => File.WriteAllText(path, JsonSerializer.Serialize(state, Json))),
        ]);
        latestFolder = folder;
        Prune(state.Epoch, state.Progress.BestEpoch);
    }

    /// <summary>Loads the resumed checkpoint's weights into a network in plain NCHW strides (TorchSharp reads bytes in place).</summary>
    public void LoadLatestWeights(ResNet network) => network.load(Path.Combine(RequireLatest(), WeightsFile));

    public void LoadLatestOptimizer(TrainingOptimizer optimizer) => optimizer.Load(Path.Combine(RequireLatest(), OptimizerFile));

    public void LoadBestWeights(ResNet network, int epoch) => network.load(Path.Combine(BestFolder(epoch), WeightsFile));

    public static bool IsCommitted(string folder) => File.Exists(Path.Combine(folder, CommitMarker));

    private string RequireLatest() =>
        latestFolder ?? throw new InvalidOperationException("No checkpoint was resumed: call Start(resume: true) first.");

    private void Commit(string folder, IReadOnlyList<(string Name, Action<string> Write)> files)
    {
        try
        {
            DurableFile.CreateFolder(Directory);
            // A folder of this name is an interrupted attempt at the same checkpoint (resuming redoes that epoch).
            if (System.IO.Directory.Exists(folder)) Discard(folder);
            System.IO.Directory.CreateDirectory(folder);
            var manifest = new CheckpointManifest();
            foreach (var (name, write) in files)
            {
                string path = Path.Combine(folder, name);
                DurableFile.WriteAndFlush(path, write);
                manifest.Files.Add(CheckpointManifest.Describe(path));
            }
            // The marker is renamed into place and the checkpoint folder flushed; then the parent, so the folder's entry is on disk.
            DurableFile.Replace(Path.Combine(folder, CommitMarker), path => File.WriteAllText(path, JsonSerializer.Serialize(manifest, Json)));
            FolderFlush.Flush(Directory);
        }
        catch (IOException error) when (DiskFullException.IsDiskFull(error))
        {
            // Give the space back now; the previous checkpoint is untouched, since pruning waits for a commit.
            if (System.IO.Directory.Exists(folder)) Discard(folder);
            throw new DiskFullException(folder, error);
        }
    }

    // Delete the newer checkpoints' predecessors: everything but the given epoch and the best weights it refers to.
    private void Prune(int keepEpoch, int keepBest)
    {
        // CheckpointFolders holds only epoch-NNNN and best-NNNN folders.
        foreach (string folder in CheckpointFolders())
        {
            if (NumberOf(folder, EpochPrefix) != keepEpoch && NumberOf(folder, BestPrefix) != keepBest) Discard(folder);
        }
    }

    private void RemoveInterrupted()
    {
        foreach (string folder in System.IO.Directory.EnumerateDirectories(Directory, DiscardedPrefix + "*"))
            System.IO.Directory.Delete(folder, recursive: true);
        foreach (string folder in CheckpointFolders().Where(folder => !IsCommitted(folder)))
            System.IO.Directory.Delete(folder, recursive: true);
    }

    private IEnumerable<string> CheckpointFolders() =>
        System.IO.Directory.EnumerateDirectories(Directory)
            .Where(folder => NumberOf(folder, EpochPrefix) is not null || NumberOf(folder, BestPrefix) is not null)
            .ToList();

    // A committed folder is first renamed out of the layout (one atomic step), so that a kill during the recursive
    // delete cannot leave a folder that still has its marker but lacks a file.
    private void Discard(string folder)
    {
        string discarded = Path.Combine(Directory, $"{DiscardedPrefix}{Path.GetFileName(folder)}-{Guid.NewGuid():N}");
        System.IO.Directory.Move(folder, discarded);
        System.IO.Directory.Delete(discarded, recursive: true);
    }

    private static int? NumberOf(string folder, string prefix)
    {
        string name = Path.GetFileName(folder);
        return name.Length == prefix.Length + 4 && name.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int number)
            ? number
            : null;
    }

    private static CheckpointManifest ReadManifest(string folder)
    {
        string path = Path.Combine(folder, CommitMarker);
        if (!File.Exists(path)) throw new InvalidDataException($"Checkpoint '{folder}' is missing or has no commit marker.");
        return ReadJson<CheckpointManifest>(path);
    }

    private static T ReadJson<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"Checkpoint file '{path}' holds null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Checkpoint file '{path}' is not valid: {e.Message}", e);
        }
    }

    // TorchSharp's writer copies each tensor's storage bytes as they lie, so channels-last weights are packed first.
    private static void SaveWeights(ResNet network, string path)
    {
        using var scope = torch.NewDisposeScope();
        var packed = network.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.contiguous());
        using var writer = new BinaryWriter(File.Create(path));
        torch.nn.Module.save_state_dict(writer, packed);
    }
}
