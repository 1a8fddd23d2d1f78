/**
 * Sources for what a training loader does with the last partial batch where the framework hands
 * the choice on rather than making it (Lightning, DeepSpeed), and for what the batch size costs
 * in memory.
 */
import type { Reference } from './types';

export const LOADER_REFERENCES = {
  'lightning-data-utilities': {
    id: 'lightning-data-utilities',
    title: 'src/lightning/pytorch/utilities/data.py (re-creating the DataLoader with a distributed sampler)',
    authors: 'Lightning AI',
    publisher: 'Lightning-AI/pytorch-lightning (GitHub)',
    version: 'Lightning 2.6.6',
    url: 'https://github.com/Lightning-AI/pytorch-lightning/blob/2.6.6/src/lightning/pytorch/utilities/data.py',
    note: 'Lightning trains on the DataLoader you give it; when it swaps in a sampler it rebuilds the loader with your batch_size and drop_last.',
  },
  'deepspeed-constants-source': {
    id: 'deepspeed-constants-source',
    title: 'deepspeed/runtime/constants.py (dataloader_drop_last)',
    authors: 'DeepSpeed team',
    publisher: 'deepspeedai/DeepSpeed (GitHub)',
    version: 'commit edaa722 (v0.19.5 and 27 commits)',
    url: 'https://github.com/deepspeedai/DeepSpeed/blob/edaa722/deepspeed/runtime/constants.py',
    note: 'DATALOADER_DROP_LAST_DEFAULT = False: the DeepSpeedDataLoader keeps the last partial batch unless the config sets "dataloader_drop_last": true.',
  },
  'hf-grad-accumulation-docs': {
    id: 'hf-grad-accumulation-docs',
    title: 'Gradient accumulation',
    authors: 'Hugging Face',
    publisher: 'Hugging Face Transformers documentation',
    url: 'https://huggingface.co/docs/transformers/en/grad_accumulation',
    note: '“Large batches produce large activations that exhaust GPU memory”; accumulating gradients over several batches gives a larger effective batch size.',
  },
} as const satisfies Record<string, Reference>;

export type LoaderReferenceId = keyof typeof LOADER_REFERENCES;
