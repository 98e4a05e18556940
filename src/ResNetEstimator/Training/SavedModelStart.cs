using static TorchSharp.torch;
using MlNetResNet.ModelFile;

namespace MlNetResNet.Training;

/// <summary>
/// Starts training from the network a saved model.zip carries (<see cref="PretrainedWeights.FromModel"/>): all its
/// weights, with the head matched to this run's classes by name, so a model trained on more images of the same classes
/// starts at its old accuracy, and one given new classes keeps its old rows.
/// </summary>
internal static class SavedModelStart
{
    private const string HeadWeight = "fc.weight";
    private const string HeadBias = "fc.bias";

    /// <summary>The checks that need only the small description entry, run with the other option checks.</summary>
    public static void Check(string? path, ResNetArchitecture architecture)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("Pretrained = FromModel needs PretrainedPath (a model.zip saved by this library).",
                nameof(ResNetTrainerOptions.PretrainedPath));
        if (!File.Exists(path))
            throw new FileNotFoundException($"Pretrained model file '{path}' (PretrainedPath) does not exist.", path);
        CheckArchitecture(NetworkEntryReader.ReadDescription(path), path, architecture);
    }

    /// <summary>
    /// Rows of this run's head whose class the saved model does not have (they start freshly initialised), in label
    /// order. Reads only the small description entry.
    /// </summary>
    public static IReadOnlyList<int> NewClassRows(string path, IReadOnlyList<string> classNames)
    {
        var saved = NetworkEntryReader.ReadDescription(path).ClassNames;
        return Enumerable.Range(0, classNames.Count).Where(row => Array.IndexOf(saved, classNames[row]) < 0).ToList();
    }

    /// <param name="path">The model.zip.</param>
    /// <param name="architecture">The run's architecture, which must be the saved one.</param>
    /// <param name="numClasses">This run's class count.</param>
    /// <param name="classNames">This run's classes in label order; null means the saved classes in the saved order
    /// (only possible when the counts agree).</param>
    public static ResNet CreateNetwork(string path, ResNetArchitecture architecture, int numClasses, IReadOnlyList<string>? classNames)
    {
        var (description, weights) = NetworkEntryReader.Read(path);
        CheckArchitecture(description, path, architecture);
        var names = classNames ?? (numClasses == description.ClassNames.Length
            ? description.ClassNames
            : throw new ArgumentException(
                $"Model file '{path}' has {description.ClassNames.Length} classes and this run {numClasses}; its head rows are " +
                "matched by class name, so call ResNetTrainer.Train with the class names."));
        if (names.Count != numClasses)
            throw new ArgumentException($"{names.Count} class names were given for {numClasses} classes.", nameof(classNames));
        // ResNet.Create initialises fc from the torch seed the trainer has just set: those are the rows of new classes.
        var network = SavedNetwork.Create(description, path, numClasses);
        try
        {
            using var scope = NewDisposeScope();
            var saved = SavedNetwork.ReadState(weights, path);
            var state = new Dictionary<string, Tensor>(saved, StringComparer.Ordinal)
            {
                [HeadWeight] = MatchedRows(network.Head!.weight, Saved(saved, HeadWeight, path), description.ClassNames, names, path),
                [HeadBias] = MatchedRows(network.Head!.bias!, Saved(saved, HeadBias, path), description.ClassNames, names, path),
            };
            Weights.StateDictApplier.Apply(network, state, strict: true, SavedNetwork.EntrySource(path));
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static void CheckArchitecture(NetworkDescription description, string path, ResNetArchitecture architecture)
    {
        if (description.Architecture != architecture.ToString())
            throw new ArgumentException(
                $"Model file '{path}' holds a {description.Architecture} network ({description.TorchvisionName}); this run asks for " +
                $"Architecture = {architecture}. Set Architecture to {description.Architecture} (CLI: --arch {description.TorchvisionName}).",
                nameof(ResNetTrainerOptions.Architecture));
    }

    private static Tensor Saved(IReadOnlyDictionary<string, Tensor> state, string key, string path) =>
        state.TryGetValue(key, out var tensor)
            ? tensor
            : throw new InvalidDataException($"Model file '{path}': the network entry has no '{key}'.");

    // Row j of the result is the saved row of the class named names[j] when the saved model has that class, else the
    // freshly initialised row j.
    private static Tensor MatchedRows(Tensor fresh, Tensor saved, string[] savedNames, IReadOnlyList<string> names, string path)
    {
        if (saved.shape[0] != savedNames.Length || saved.dim() != fresh.dim() || (saved.dim() == 2 && saved.shape[1] != fresh.shape[1]))
            throw new InvalidDataException(
                $"Model file '{path}': the saved head has shape [{string.Join(", ", saved.shape)}] for {savedNames.Length} classes.");
        using var noGrad = no_grad();
        var rows = fresh.detach().clone();
        for (int row = 0; row < names.Count; row++)
        {
            int savedRow = Array.IndexOf(savedNames, names[row]);
            if (savedRow >= 0) rows[row].copy_(saved[savedRow]);
        }
        return rows;
    }
}
