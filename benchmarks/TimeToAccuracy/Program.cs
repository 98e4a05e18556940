// Time-to-accuracy benchmark (issue 10): on a harder synthetic flower set, per seed,
//   1. the seed recipe: FineTuning = Full, Adam 1e-4, batch 32, N epochs (wall time W);
//   2. ours: FineTuning = TwoStage with TimeBudget = W / 3 and Precision = Auto;
//   3. HeadOnly with a fresh feature cache, then again on the same cache (stage 1 speed-up).
// All from the ImageNet ResNet-18. Writes results.json and results.md under --results.
//   time-to-accuracy [--image-size 64] [--epochs 5] [--seeds 1,2,3] [--train-per-class 360] [--val-per-class 40]
//                    [--source-side 96] [--threads 2] [--data out/tta-data] [--results benchmarks/results/time-to-accuracy]
//                    [--python /usr/bin/python3 | --python none] [--pairs shape|tone] [--peer-seed-only]
// --pairs: what tells each kind from its paired class (FlowerPairs); the first measurements used tone.
// --peer-seed-only: the seed recipe runs in PyTorch only (ours is skipped), which halves a 224 px run.
// With a python, the PyTorch seed recipe runs too, and the budget is a third of its wall time (else of ours).
// time-to-accuracy flowers-budget [--data out/flowers] [--budget 60] [--fine-tune two-stage|full|head] [--image-size 224]:
// Fit on the demo's synthetic flowers within a budget; exit code 1 when it took more than the budget plus 10%.
using System.Globalization;
using MlNetResNet;
using MlNetResNet.Benchmarks.TimeToAccuracy;

var arguments = args.Select((value, index) => (value, index)).ToList();
string Text(string name, string fallback) =>
    arguments.FirstOrDefault(a => a.value == name) is { value: not null } found && found.index + 1 < args.Length
        ? args[found.index + 1] : fallback;
int Int(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

if (args.FirstOrDefault() == "flowers-budget")
{
    var mode = Text("--fine-tune", "two-stage") switch { "full" => FineTuningMode.Full, "head" => FineTuningMode.HeadOnly, _ => FineTuningMode.TwoStage };
    return FlowersBudgetCheck.Run(Path.GetFullPath(Text("--data", Path.Combine("out", "flowers"))), TimeSpan.FromSeconds(Int("--budget", 60)),
        mode, Int("--image-size", 224), Int("--threads", Environment.ProcessorCount));
}

var settings = new BenchmarkSettings(
    ImageSize: Int("--image-size", 64), Epochs: Int("--epochs", 5),
    Seeds: Text("--seeds", "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
    TrainPerClass: Int("--train-per-class", 360), ValidationPerClass: Int("--val-per-class", 40), SourceSide: Int("--source-side", 96),
    Threads: Int("--threads", Environment.ProcessorCount),
    Data: Path.GetFullPath(Text("--data", Path.Combine("out", "tta-data"))),
    Results: Path.GetFullPath(Text("--results", Path.Combine("benchmarks", "results", "time-to-accuracy"))),
    Python: Text("--python", "/usr/bin/python3") is var python && python != "none" && File.Exists(python) ? python : null,
    PeerScript: Path.GetFullPath(Path.Combine("benchmarks", "peer", "pytorch_recipe.py")),
    Pairs: HarderFlowerSet.ParsePairs(Text("--pairs", "shape")),
    OursFull: !args.Contains("--peer-seed-only"));
if (!settings.OursFull && settings.Python is null)
    throw new ArgumentException("--peer-seed-only needs the PyTorch peer (--python): the budget is a third of its wall time.");
if (args.FirstOrDefault() == "two-stage")
{
    // One recipe alone under a given budget: for trying stage-2 settings without re-measuring the seed recipe.
    int budgetSeconds = Int("--budget", 0);
    var mode = Text("--fine-tune", "two-stage") switch { "full" => FineTuningMode.Full, "head" => FineTuningMode.HeadOnly, _ => FineTuningMode.TwoStage };
    double rate = double.Parse(Text("--lr", "0.0001"), CultureInfo.InvariantCulture);
    var schedule = Text("--schedule", "constant") switch { "cosine" => LearningRateSchedule.CosineWithWarmup, "one-cycle" => LearningRateSchedule.OneCycle, _ => LearningRateSchedule.Constant };
    int stagesTrained = Int("--trainable-stages", 0);
    return BenchmarkRun.RunTwoStageOnly(settings, budgetSeconds > 0 ? TimeSpan.FromSeconds(budgetSeconds) : null,
        Text("--cache-dir", "") is { Length: > 0 } cache ? Path.GetFullPath(cache) : null, o =>
        {
            o.FineTuning = mode;
            o.LearningRate = rate;
            o.LearningRateSchedule = schedule;
            if (stagesTrained > 0) o.TrainableStages = stagesTrained;
            o.Precision = Enum.Parse<TrainingPrecision>(Text("--precision", "Float32"), ignoreCase: true);
        });
}
return BenchmarkRun.Run(settings);
