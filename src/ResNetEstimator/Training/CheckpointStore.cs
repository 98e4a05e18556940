using TorchSharp;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlNetResNet;

/// <summary>
/// The checkpoint folder: <c>last.*</c> (weights, optimizer state, <see cref="CheckpointState"/>) after every
/// epoch and <c>best.weights</c> whenever validation improves. Weights use TorchSharp's own format. Each file
/// is written to a temporary name and then renamed, and <c>last.json</c> is written last, so an interrupted
/// write never leaves a checkpoint that looks complete but is not.
/// </summary>
internal sealed class CheckpointStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public CheckpointStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    public string Directory { get; }

    public string LastWeightsPath => Path.Combine(Directory, "last.weights");
    public string LastOptimizerPath => Path.Combine(Directory, "last.optimizer");
    public string LastStatePath => Path.Combine(Directory, "last.json");
    public string BestWeightsPath => Path.Combine(Directory, "best.weights");

    public bool HasLast => File.Exists(LastStatePath);

    public void SaveBest(ResNet network)
    {
        System.IO.Directory.CreateDirectory(Directory);
        WriteAtomically(BestWeightsPath, path => SaveWeights(network, path));
    }

    public void SaveLast(ResNet network, TrainingOptimizer optimizer, CheckpointState state)
    {
        System.IO.Directory.CreateDirectory(Directory);
        WriteAtomically(LastWeightsPath, path => SaveWeights(network, path));
        WriteAtomically(LastOptimizerPath, optimizer.Save);
        WriteAtomically(LastStatePath, path => File.WriteAllText(path, JsonSerializer.Serialize(state, Json)));
    }

    public CheckpointState LoadLastState()
    {
        try
        {
            return JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(LastStatePath), Json)
                ?? throw new InvalidDataException("The file holds null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Checkpoint state '{LastStatePath}' is not valid: {e.Message}", e);
        }
    }

    /// <summary>Loads the last weights into a network in plain NCHW strides (TorchSharp reads bytes in place).</summary>
    public void LoadLastWeights(ResNet network)
    {
        RequireFile(LastWeightsPath);
        RequireFile(LastOptimizerPath);
        network.load(LastWeightsPath);
    }

    public void LoadLastOptimizer(TrainingOptimizer optimizer)
    {
        RequireFile(LastOptimizerPath);
        optimizer.Load(LastOptimizerPath);
    }

    public void LoadBestWeights(ResNet network)
    {
        RequireFile(BestWeightsPath);
        network.load(BestWeightsPath);
    }

    // TorchSharp's writer copies each tensor's storage bytes as they lie, so channels-last weights are packed first.
    private static void SaveWeights(ResNet network, string path)
    {
        using var scope = torch.NewDisposeScope();
        var packed = network.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.contiguous());
        using var writer = new BinaryWriter(File.Create(path));
        torch.nn.Module.save_state_dict(writer, packed);
    }

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checkpoint file '{path}' is missing; the checkpoint folder is incomplete.", path);
    }

    private static void WriteAtomically(string path, Action<string> write)
    {
        string temporary = path + ".tmp";
        write(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
