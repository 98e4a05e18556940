// Recipe ablation (issue 13): on an unbalanced synthetic flower set (10 classes, 10:1 in training, 5:1 in validation,
// clutter), per seed: the seed recipe, then + TrivialAugment, + RandomErasing, + Mixup/CutMix, + EMA, + balanced
// weighting, + TTA (each on top of the previous), the modern recipe (EMA + balanced), modern + TrivialAugment, the seed
// recipe in two stages (TwoStage), and the seed recipe given the modern recipe's wall time. All from the ImageNet
// ResNet-18 with Adam; every row fits a temperature and writes every validation image's scores to scores/<row>-seed<N>.csv.
// docs/RECIPE.md's table: --lr 0.001.
//   recipe-ablation [--image-size 64] [--source-side 80] [--epochs 10] [--batch-size 16] [--lr 0.0001] [--seeds 1,2,3]
//                   [--largest-train 60] [--largest-val 40] [--threads 2] [--rows "seed recipe,+ EMA"]
//                   [--data out/ablation-data-shape] [--results benchmarks/results/ablation] [--merge OTHER/results.json]
//                   [--pairs shape|tone] (the first table used tone; its default data folder is out/ablation-data)
// Runs already in --results/results.json are kept, not repeated; --merge adds the runs of another results file.
using System.Globalization;
using MlNetResNet.Benchmarks.Ablation;
using MlNetResNet.Benchmarks.TimeToAccuracy;

var arguments = args.Select((value, index) => (value, index)).ToList();
string Text(string name, string fallback) =>
    arguments.FirstOrDefault(a => a.value == name) is { value: not null } found && found.index + 1 < args.Length
        ? args[found.index + 1] : fallback;
int Int(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var pairs = HarderFlowerSet.ParsePairs(Text("--pairs", "shape"));
var settings = new AblationSettings(
    ImageSize: Int("--image-size", 64), SourceSide: Int("--source-side", 80), Epochs: Int("--epochs", 10), BatchSize: Int("--batch-size", 16),
    LearningRate: double.Parse(Text("--lr", "0.0001"), CultureInfo.InvariantCulture),
    Seeds: Text("--seeds", "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
    LargestTrainClass: Int("--largest-train", 60), LargestValidationClass: Int("--largest-val", 40),
    Threads: Int("--threads", Environment.ProcessorCount),
    Data: Path.GetFullPath(Text("--data", Path.Combine("out", pairs == FlowerPairs.Shape ? "ablation-data-shape" : "ablation-data"))),
    Results: Path.GetFullPath(Text("--results", Path.Combine("benchmarks", "results", "ablation"))),
    Rows: Text("--rows", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    Merge: Text("--merge", "") is { Length: > 0 } merge ? Path.GetFullPath(merge) : null,
    Pairs: pairs);
return AblationRun.Run(settings);
