using TorchSharp;
using TorchSharp.Modules;
using MlNetResNet.Models;
using MlNetResNet.Training;

namespace MlNetResNet.Training;

/// <summary>
/// The optimizer a training run steps: Adam and AdamW run as <see cref="FlatAdam"/> (one buffer for all
/// weights, a handful of kernels per step), SGD as torch.optim's. The schedule sets the rate before each step.
/// </summary>
internal abstract class TrainingOptimizer : IDisposable
{
    public abstract double LearningRate { set; }

    public abstract void ZeroGrad();

    public abstract void Step();

    /// <summary>Writes the optimizer state (moments, step count) for a checkpoint.</summary>
    public abstract void Save(string path);

    /// <summary>Reads state written by <see cref="Save"/> of an optimizer over the same parameters.</summary>
    public abstract void Load(string path);

    public abstract void Dispose();

    public static TrainingOptimizer Create(ResNetOptimizer kind, IEnumerable<Parameter> parameters, double learningRate,
        double weightDecay, double momentum)
    {
        var trainable = parameters.Where(parameter => parameter.requires_grad).ToList();
        if (trainable.Count == 0) throw new InvalidOperationException("Nothing to train: every parameter is frozen.");
        return kind switch
        {
            ResNetOptimizer.Adam => new Flat(new FlatAdam(trainable, learningRate, weightDecay: weightDecay)),
            ResNetOptimizer.AdamW => new Flat(new FlatAdam(trainable, learningRate, weightDecay: weightDecay, decoupledWeightDecay: true)),
            ResNetOptimizer.Sgd => new Torch(torch.optim.SGD(trainable, learningRate, momentum: momentum, weight_decay: weightDecay)),
            _ => throw UnknownEnumValue.Error(nameof(ResNetClassifierOptions.Optimizer), kind),
        };
    }

    /// <summary>
    /// Adam or AdamW whose step for each parameter is scaled by its multiplier (discriminative learning rates); the
    /// schedule still sets one rate. SGD gets the plain rate for all parameters.
    /// </summary>
    public static TrainingOptimizer CreateLayered(ResNetOptimizer kind, IReadOnlyList<(Parameter Parameter, double Multiplier)> parameters,
        double learningRate, double weightDecay, double momentum)
    {
        var trainable = parameters.Where(entry => entry.Parameter.requires_grad).ToList();
        if (kind == ResNetOptimizer.Sgd || trainable.Count == 0)
            return Create(kind, trainable.Select(entry => entry.Parameter), learningRate, weightDecay, momentum);
        var multipliers = trainable.Select(entry => entry.Multiplier).ToList();
        return new Flat(new FlatAdam(trainable.Select(entry => entry.Parameter), learningRate, weightDecay: weightDecay,
            decoupledWeightDecay: kind == ResNetOptimizer.AdamW, rateMultipliers: multipliers));
    }

    private sealed class Flat : TrainingOptimizer
    {
        private const string Magic = "MlNetResNet.FlatAdam.v1";
        private readonly FlatAdam adam;

        public Flat(FlatAdam adam) => this.adam = adam;

        public override double LearningRate { set => adam.LearningRate = value; }

        public override void ZeroGrad() => adam.ZeroGrad();

        public override void Step() => adam.Step();

        public override void Save(string path)
        {
            using var writer = new BinaryWriter(File.Create(path));
            var (first, second, steps) = adam.State;
            writer.Write(Magic);
            writer.Write(steps);
            first.Save(writer);
            second.Save(writer);
        }

        public override void Load(string path)
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            string magic = reader.ReadString();
            if (magic != Magic) throw new InvalidDataException($"Optimizer state '{path}' is not a flat-Adam state (found '{magic}').");
            long steps = reader.ReadInt64();
            var (first, second, _) = adam.State;
            using var loadedFirst = torch.empty_like(first);
            using var loadedSecond = torch.empty_like(second);
            loadedFirst.Load(reader);
            loadedSecond.Load(reader);
            adam.Restore(loadedFirst, loadedSecond, steps);
        }

        public override void Dispose() => adam.Dispose();
    }

    private sealed class Torch : TrainingOptimizer
    {
        private readonly OptimizerHelper optimizer;

        public Torch(OptimizerHelper optimizer) => this.optimizer = optimizer;

        public override double LearningRate
        {
            set { foreach (var group in optimizer.ParamGroups) group.LearningRate = value; }
        }

        public override void ZeroGrad() => optimizer.zero_grad();

        public override void Step() => optimizer.step();

        public override void Save(string path) => optimizer.save_state_dict(path);

        public override void Load(string path) => optimizer.load_state_dict(path);

        public override void Dispose() => optimizer.Dispose();
    }
}
