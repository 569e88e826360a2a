"""Driver of the PyTorch export check (test/pytorch/checkExport.test.ts).

    /usr/bin/python3 test/pytorch/run_export.py JOBS.json

JOBS.json: [{"name", "file", "className", "modules": [{"id", "qualifiedName"}],
             "weights": [qualifiedName, ...], "torchvision": "resnet18" | null, "runMain": bool}]

For each job: imports the generated file, builds the model, registers a forward hook on every
spec layer's module (by qualified name), runs zeros of shape [1, *INPUT_SHAPE] and records each
layer's output shape (without the batch dimension) and parameter count, the total parameter
count and the output shape. "weights" asks for those modules' weight tensors. "torchvision"
loads that torchvision model's state_dict into the generated model (strict) and compares the two
models' outputs on the same seeded random input. "runMain" also runs the file as a script and
keeps what it prints. Prints one JSON object: {"torch": version, "results": [...]}; a job that
fails reports {"name", "error"} instead of stopping the others.
"""
import contextlib
import importlib.util
import io
import json
import runpy
import sys
import traceback

import torch


def load(job):
    spec = importlib.util.spec_from_file_location(f"generated_{len(sys.modules)}", job["file"])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record_layers(model, job):
    modules = dict(model.named_modules())
    shapes, params, missing = {}, {}, []
    for entry in job["modules"]:
        name = entry["qualifiedName"]
        if name not in modules:
            missing.append(name)
            continue
        params[name] = sum(parameter.numel() for parameter in modules[name].parameters())

        def hook(_module, _inputs, output, name=name):
            shapes[name] = list(output.shape[1:])

        modules[name].register_forward_hook(hook)
    return shapes, params, missing


def compare_with_torchvision(model, generated, name):
    import torchvision

    reference = getattr(torchvision.models, name)().eval()
    model.load_state_dict(reference.state_dict(), strict=True)
    torch.manual_seed(0)
    sample = torch.randn(1, *generated.INPUT_SHAPE)
    with torch.no_grad():
        difference = (model(sample) - reference(sample)).abs().max().item()
    return {"loaded": True, "maxDifference": difference}


def run_job(job):
    generated = load(job)
    model = getattr(generated, job["className"])().eval()
    shapes, params, missing = record_layers(model, job)
    with torch.no_grad():
        output = model(torch.zeros(1, *generated.INPUT_SHAPE))
    modules = dict(model.named_modules())
    result = {
        "name": job["name"],
        "shapes": shapes,
        "params": params,
        "missing": missing,
        "total": sum(parameter.numel() for parameter in model.parameters()),
        "output": list(output.shape),
        "weights": {name: modules[name].weight.tolist() for name in job.get("weights", []) if name in modules},
        "biases": {name: modules[name].bias.tolist() for name in job.get("weights", []) if name in modules and modules[name].bias is not None},
    }
    if job.get("torchvision"):
        result["torchvision"] = compare_with_torchvision(model, generated, job["torchvision"])
    if job.get("runMain"):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            runpy.run_path(job["file"], run_name="__main__")
        result["mainOutput"] = printed.getvalue()
    return result


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        jobs = json.load(handle)
    torch.set_num_threads(2)
    results = []
    for job in jobs:
        try:
            results.append(run_job(job))
        except Exception:  # reported per job, the others still run
            results.append({"name": job["name"], "error": traceback.format_exc(limit=3)})
    json.dump({"torch": torch.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
