from adaptkit import AdapterConfig, Model, Trainer, TrainingArgs, add_adapter


def setup_trainer(name):
    model = Model.from_pretrained(name)
    model = add_adapter(model, AdapterConfig())
    return Trainer(model, [], TrainingArgs())
